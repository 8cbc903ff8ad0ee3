package fr.facteur.workflow;

import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.payment.PaymentDeadlines;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code ${paymentWarning.warnOn(invoiceId)}}: when the managers are warned that the délai global
 * de paiement of an invoice is about to run out ({@code facteur.payment.warning-before} ahead).
 * Computed when the invoice enters the circuit, from the day Facteur received it.
 */
@Component("paymentWarning")
public class PaymentWarning {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final InvoiceService invoices;
    private final PaymentDeadlines deadlines;

    public PaymentWarning(InvoiceService invoices, PaymentDeadlines deadlines) {
        this.invoices = invoices;
        this.deadlines = deadlines;
    }

    public Date warnOn(Object invoiceId) {
        Invoice invoice = invoices.get(((Number) invoiceId).longValue());
        LocalDate dueOn = deadlines.deadline(invoice.receivedOn(), null, List.of()).dueOn();
        return Date.from(deadlines.warningOn(dueOn).atTime(9, 0).atZone(PARIS).toInstant());
    }
}
