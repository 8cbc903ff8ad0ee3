package fr.facteur.workflow.reception;

import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
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
        PurchaseOrderMatch match = purchasing.match(ix.purchaseOrderReference(), ix.supplierSiret(), ix.serviceCode(),
                ix.totalHt());
        ReceptionContract.MATCH_OUTCOME.set(execution, match.outcome().name());
        ReceptionContract.MATCH_MESSAGE.set(execution, match.message());
        ReceptionContract.MATCHED_ORDER.set(execution, match.orderNumber());
        ReceptionContract.ORDER_REMAINING_AFTER.set(execution, match.remainingAfter() == null ? null
                : match.remainingAfter().doubleValue());
    }
}
