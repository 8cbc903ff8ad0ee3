package fr.facteur.invoice;

import fr.facteur.payment.PaymentDeadlines;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The délai global de paiement of an invoice, in one place: from the day it was received, the
 * number of days of its buyer's entity type, plus the days it spent in dispute (the clock stops
 * while the supplier completes it). The payment step, the payment warning and — in SQL, the same
 * rule — the overview's lists and summary all use it.
 */
@Service
public class InvoiceDeadlines {

    /**
     * SQL value of the deadline before any dispute, for a row of {@code facteur.invoice} (parameters
     * {@code :daysByBuyer}, {@code :days}): received day ({@link Invoice#receivedOn}: the day Chorus Pro
     * made it available if earlier, else the Paris day of its intake) + days of the buyer's type.
     * Never after {@link #SQL}: a cheap test that rules most invoices out before the disputes are read.
     */
    static final String BASE_SQL = """
            least(made_available_on, (created_at AT TIME ZONE 'Europe/Paris')::date) + coalesce(
                (CAST(:daysByBuyer AS jsonb) ->> buyer_siret)::int,
                (CAST(:daysByBuyer AS jsonb) ->> left(buyer_siret, 9))::int,
                :days)""";

    /**
     * SQL value of the same deadline as {@link #of} for a row of {@code facteur.invoice} (parameters
     * {@code :daysByBuyer}, {@code :days}): {@link #BASE_SQL} + days of finished disputes (Paris days,
     * from the status history, as {@link #suspensions} reads it).
     */
    static final String SQL = BASE_SQL + """
             + (
                SELECT coalesce(sum(greatest(0, (next_change.changed_at AT TIME ZONE 'Europe/Paris')::date
                                                - (dispute.changed_at AT TIME ZONE 'Europe/Paris')::date)), 0)::int
                FROM facteur.invoice_status_history dispute
                JOIN LATERAL (SELECT later.changed_at FROM facteur.invoice_status_history later
                              WHERE later.invoice_id = dispute.invoice_id
                                AND (later.changed_at, later.id) > (dispute.changed_at, dispute.id)
                              ORDER BY later.changed_at, later.id LIMIT 1) next_change ON true
                WHERE dispute.invoice_id = facteur.invoice.id AND dispute.to_status = 'DISPUTED')""";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final InvoiceService invoices;
    private final PaymentDeadlines deadlines;

    public InvoiceDeadlines(InvoiceService invoices, PaymentDeadlines deadlines) {
        this.invoices = invoices;
        this.deadlines = deadlines;
    }

    /** The invoice's deadline, a dispute still open counted up to today. */
    public PaymentDeadlines.Deadline of(Invoice invoice) {
        return deadlines.deadline(invoice.receivedOn(), deadlines.entityTypeOf(invoice.index().buyerSiret()),
                suspensions(invoices.history(invoice.id()), LocalDate.now(PARIS)));
    }

    /** The invoice paid on {@code paidOn}: its deadline, and the late interest and flat fee when paid after it. */
    public Payment payment(Invoice invoice, LocalDate paidOn) {
        PaymentDeadlines.Deadline deadline = of(invoice);
        PaymentDeadlines.LatePayment late = deadlines.latePayment(invoice.index().totalTtc(), deadline.dueOn(), paidOn);
        return new Payment(null, deadline.dueOn(), paidOn, late.interest(), late.flatFee());
    }

    /** The periods spent in dispute, from a status history (oldest first); one still open ends {@code today}. */
    static List<PaymentDeadlines.Suspension> suspensions(List<StatusChange> history, LocalDate today) {
        List<PaymentDeadlines.Suspension> periods = new ArrayList<>();
        LocalDate since = null;
        for (StatusChange change : history) {
            if (change.to() == InvoiceStatus.DISPUTED) {
                since = parisDay(change);
            } else if (since != null) {
                periods.add(new PaymentDeadlines.Suspension(since, parisDay(change)));
                since = null;
            }
        }
        if (since != null) {
            periods.add(new PaymentDeadlines.Suspension(since, today));
        }
        return periods;
    }

    /** Days are counted in Paris, like the received day: a change at 00:30 in Paris belongs to that day. */
    private static LocalDate parisDay(StatusChange change) {
        return change.changedAt().atZoneSameInstant(PARIS).toLocalDate();
    }
}
