package fr.facteur.workflow.reception;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.process.FormFields;
import fr.facteur.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating {@code Task_CompleteIndexing} or {@code Task_CheckDuplicate}: prefills the form with
 * the invoice record (as extracted or received), and the link to its document.
 */
@Component
public class InvoiceFormListener implements TaskListener {

    private final InvoiceService invoices;

    public InvoiceFormListener(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void notify(DelegateTask task) {
        long invoiceId = ProcessVariables.invoiceId(task.getExecution());
        FormFields.prefill(task.getExecution(), invoices.get(invoiceId), invoices.mainDocumentId(invoiceId));
    }
}
