package fr.facteur.workflow;

import fr.facteur.invoice.IndexField;
import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
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
        Invoice invoice = invoices.get(invoiceId);
        task.getExecution().setVariables(IndexField.formVariables(invoice.index()));
        ReceptionContract.CHANNEL.set(task.getExecution(), invoice.channel().name());
        invoices.mainDocumentId(invoiceId)
                .ifPresent(id -> task.getExecution().setVariable(ProcessVariables.DOCUMENT_ID, id));
    }
}
