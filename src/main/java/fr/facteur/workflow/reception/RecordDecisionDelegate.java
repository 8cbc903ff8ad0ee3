package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.ReceptionContract;
import fr.facteur.process.Decision;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.purchasing.PurchasingService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordDecision} "Enregistrer la décision": applies the validator's decision to the
 * invoice record, with the validator's name and motif in its history; an approved invoice
 * consumes the purchase order it was matched with (its amount without VAT) and is filed in the
 * GED, in the same transaction.
 */
@Component
public class RecordDecisionDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final IdentityService identityService;
    private final PurchasingService purchasing;

    public RecordDecisionDelegate(InvoiceService invoices, IdentityService identityService,
                                  PurchasingService purchasing) {
        this.invoices = invoices;
        this.identityService = identityService;
        this.purchasing = purchasing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Decision decision = Decision.parse(execution.getVariable(ProcessVariables.DECISION)).orElseThrow();
        InvoiceStatus status = switch (decision) {
            case APPROVE -> InvoiceStatus.VALIDATED;
            case DISPUTE -> InvoiceStatus.DISPUTED;
            case REJECT -> InvoiceStatus.REJECTED;
        };
        String motif = (String) execution.getVariable(ProcessVariables.MOTIF);
        // an approved invoice is confirmed: its documents are filed in the GED
        Invoice invoice = invoices.decide(invoiceId, decision.name(), status, Actors.current(identityService), motif,
                decision == Decision.APPROVE);
        Object order = ReceptionContract.MATCHED_ORDER.get(execution);
        if (decision == Decision.APPROVE && order != null && invoice.index().totalHt() != null) {
            purchasing.recordInvoiced(order.toString(), invoice.index().totalHt());
        }
    }
}
