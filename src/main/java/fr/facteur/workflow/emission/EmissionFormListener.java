package fr.facteur.workflow.emission;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.process.EmissionContract;
import fr.facteur.process.FormFields;
import fr.facteur.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating {@code Task_ConfirmEmission}, {@code Task_CorrectEmission} or
 * {@code Task_CompleteSuspended}: the form is prefilled as for reception (the invoice record as it
 * stands, the link to its document), and the previous round's choice to abandon is cleared.
 */
@Component
public class EmissionFormListener implements TaskListener {

    private final InvoiceService invoices;

    public EmissionFormListener(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void notify(DelegateTask task) {
        long invoiceId = ProcessVariables.invoiceId(task.getExecution());
        FormFields.prefill(task.getExecution(), invoices.get(invoiceId), invoices.mainDocumentId(invoiceId));
        EmissionContract.ABANDON.set(task.getExecution(), false);
    }
}
