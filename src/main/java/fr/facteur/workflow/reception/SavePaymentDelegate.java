package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.FormFields;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceService;
import java.time.LocalDate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SavePayment} "Enregistrer la mise en paiement": the payment date (given by the
 * accountant, or today when Chorus Pro showed the payment first), the deadline of the délai global
 * de paiement — from the day Facteur received the invoice, stopped while it was in dispute — and
 * the late interest and flat fee when paid after it.
 */
@Component
public class SavePaymentDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final InvoiceDeadlines deadlines;
    private final IdentityService identityService;

    public SavePaymentDelegate(InvoiceService invoices, InvoiceDeadlines deadlines, IdentityService identityService) {
        this.invoices = invoices;
        this.deadlines = deadlines;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.get(ProcessVariables.invoiceId(execution));
        // today when Chorus Pro showed the payment first (no date entered)
        LocalDate paidOn = FormFields.day(execution.getVariable(ProcessVariables.PAYMENT_DATE)).orElseGet(LocalDate::now);
        invoices.recordPayment(invoice.id(), deadlines.payment(invoice, paidOn), Actors.current(identityService));
    }
}
