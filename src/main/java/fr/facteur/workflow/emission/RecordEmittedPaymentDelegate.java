package fr.facteur.workflow.emission;

import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordEmittedPayment} "Enregistrer la mise en paiement": Chorus Pro shows the invoice paid. */
@Component
public class RecordEmittedPaymentDelegate implements JavaDelegate {

    private final InvoiceService invoices;

    public RecordEmittedPaymentDelegate(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        invoices.changeStatus(ProcessVariables.invoiceId(execution), InvoiceStatus.PAID, InvoiceService.CHORUS_ACTOR,
                "Mise en paiement vue sur Chorus Pro");
    }
}
