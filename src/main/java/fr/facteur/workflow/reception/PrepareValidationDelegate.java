package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.FormFields;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PrepareValidation} "Préparer la validation": puts the invoice in status "À valider"
 * and copies its index fields into variables for the validation form (values, never documents).
 */
@Component
public class PrepareValidationDelegate implements JavaDelegate {

    private final InvoiceService invoices;

    public PrepareValidationDelegate(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.changeStatus(invoiceId, InvoiceStatus.TO_VALIDATE, Actors.SYSTEM, null);
        FormFields.prefill(execution, invoice, invoices.mainDocumentId(invoiceId));
    }
}
