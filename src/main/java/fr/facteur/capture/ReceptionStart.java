package fr.facteur.capture;

import fr.facteur.invoice.Invoice;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way an invoice enters {@code InvoiceReception}, whatever its channel: business key = the
 * invoice's natural key, variables {@code invoiceId} and {@code channel} (never the document).
 * Called inside the transaction that registered the invoice.
 */
@Component
class ReceptionStart {

    private static final Logger log = LoggerFactory.getLogger(ReceptionStart.class);

    private final RuntimeService runtimeService;

    ReceptionStart(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    void start(Invoice invoice, Map<String, Object> extraVariables) {
        Map<String, Object> variables = new HashMap<>(extraVariables);
        variables.put("invoiceId", invoice.id());
        variables.put("channel", invoice.channel().name());
        runtimeService.createProcessInstanceByKey(IntakeService.RECEPTION_PROCESS)
                .businessKey(invoice.externalKey())
                .setVariables(variables)
                .execute();
        log.info("Invoice {} from {} entered {}", invoice.id(), invoice.channel(), IntakeService.RECEPTION_PROCESS);
    }
}
