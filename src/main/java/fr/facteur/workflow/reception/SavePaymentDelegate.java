package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.Payment;
import fr.facteur.invoice.StatusChange;
import fr.facteur.payment.PaymentDeadlines;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    private final InvoiceDeadlines invoiceDeadlines;
    private final PaymentDeadlines deadlines;
    private final IdentityService identityService;

    public SavePaymentDelegate(InvoiceService invoices, InvoiceDeadlines invoiceDeadlines, PaymentDeadlines deadlines,
                               IdentityService identityService) {
        this.invoices = invoices;
        this.invoiceDeadlines = invoiceDeadlines;
        this.deadlines = deadlines;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.get(ProcessVariables.invoiceId(execution));
        Object given = execution.getVariable(ProcessVariables.PAYMENT_DATE);
        LocalDate paidOn = given == null || given.toString().isBlank() ? LocalDate.now() : LocalDate.parse(given.toString());
        PaymentDeadlines.Deadline deadline = invoiceDeadlines.of(invoice);
        PaymentDeadlines.LatePayment late = deadlines.latePayment(invoice.index().totalTtc(), deadline.dueOn(), paidOn);
        invoices.recordPayment(invoice.id(), new Payment(null, deadline.dueOn(), paidOn, late.interest(),
                late.flatFee()), Actors.current(identityService));
    }
}
