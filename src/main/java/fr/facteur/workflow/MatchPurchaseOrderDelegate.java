package fr.facteur.workflow;

import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.purchasing.PurchaseOrderMatch;
import fr.facteur.purchasing.PurchasingService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_MatchPurchaseOrder} "Rapprocher du bon de commande": the order the invoice belongs
 * to and its remaining balance, for the routing decision and the validator.
 */
@Component
public class MatchPurchaseOrderDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final PurchasingService purchasing;

    public MatchPurchaseOrderDelegate(InvoiceService invoices, PurchasingService purchasing) {
        this.invoices = invoices;
        this.purchasing = purchasing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InvoiceIndex ix = invoices.get(ProcessVariables.invoiceId(execution)).index();
        PurchaseOrderMatch match = purchasing.match(ix.purchaseOrderReference(), ix.supplierSiret(), ix.totalHt());
        execution.setVariable("matchOutcome", match.outcome().name());
        execution.setVariable("matchMessage", match.message());
        execution.setVariable("matchedOrder", match.orderNumber());
        execution.setVariable("orderRemainingAfter", match.remainingAfter() == null ? null
                : match.remainingAfter().doubleValue());
    }
}
