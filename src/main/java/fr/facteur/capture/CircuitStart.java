package fr.facteur.capture;

import fr.facteur.process.EmissionContract;
import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.Invoice;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way an invoice enters its circuit, whatever its channel: {@code InvoiceReception} for a
 * received invoice, {@code InvoiceEmission} for one to emit. Business key = the invoice's natural
 * key, variables {@code invoiceId} and {@code channel} (never the document). Called inside the
 * transaction that registered the invoice.
 */
@Component
class CircuitStart {

    private static final Logger log = LoggerFactory.getLogger(CircuitStart.class);

    private final RuntimeService runtimeService;

    CircuitStart(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    void start(Invoice invoice, Map<String, Object> extraVariables) {
        Map<String, Object> variables = new HashMap<>(extraVariables);
        variables.put(ProcessVariables.INVOICE_ID, invoice.id());
        variables.put(ProcessVariables.CHANNEL, invoice.channel().name());
        String process = invoice.direction() == Direction.EMITTED ? EmissionContract.KEY
                : ReceptionContract.KEY;
        runtimeService.createProcessInstanceByKey(process)
                .businessKey(invoice.externalKey())
                .setVariables(variables)
                .execute();
        log.info("Invoice {} from {} entered {}", invoice.id(), invoice.channel(), process);
    }

    /**
     * The supplier of a disputed invoice answered (documents added): its circuit, waiting at "Complétée ?",
     * goes back to validation; nothing happens when it is not waiting (already back, not disputed).
     *
     * @return whether a circuit was waiting for it
     */
    boolean supplierAnswered(Invoice invoice) {
        boolean resumed = !runtimeService.createMessageCorrelation(ReceptionContract.MESSAGE_SUPPLIER_DOCUMENTS_ADDED)
                .processInstanceBusinessKey(invoice.externalKey())
                .correlateAllWithResult().isEmpty();
        if (resumed) {
            log.info("Invoice {}: the supplier answered the dispute, back to validation", invoice.id());
        }
        return resumed;
    }
}
