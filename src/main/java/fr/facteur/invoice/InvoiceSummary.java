package fr.facteur.invoice;

import fr.facteur.payment.PaymentProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where the invoices stand, for managers: counts and amounts by status and by Chorus Pro status,
 * what is overdue, in dispute, paid this month, and what paying late has cost.
 */
@Service
public class InvoiceSummary {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** SQL value of an invoice's last day to pay: {@link InvoiceDeadlines#SQL}, dispute days included. */
    static final String PAYMENT_DEADLINE = InvoiceDeadlines.SQL;

    /**
     * SQL condition of an overdue invoice (with {@code :today}): not paid, not rejected nor
     * discarded, not in dispute (the clock is paused), past its {@link #PAYMENT_DEADLINE}. The
     * deadline before disputes is tested first: an invoice not past it is not overdue, and its
     * disputes are not read (PostgreSQL tests the cheap conditions of a conjunction first).
     */
    static final String OVERDUE = "(status NOT IN ('PAID', 'REJECTED', 'DUPLICATE', 'DISPUTED') AND ("
            + InvoiceDeadlines.BASE_SQL + ") < :today AND (" + PAYMENT_DEADLINE + ") < :today)";

    /** A number of invoices and their total with VAT. */
    public record Count(long count, BigDecimal totalTtc) {
    }

    public record ByStatus(String status, long count, BigDecimal totalTtc) {
    }

    public record Summary(long total, List<ByStatus> byStatus, List<ByStatus> byChorusStatus, Count overdue,
                          Count disputed, Count paidThisMonth, BigDecimal lateInterest) {
    }

    private final JdbcClient jdbc;
    private final PaymentProperties payment;

    public InvoiceSummary(JdbcClient jdbc, PaymentProperties payment) {
        this.jdbc = jdbc;
        this.payment = payment;
    }

    /**
     * The summary of received invoices. "Overdue": not paid, not rejected nor discarded, not in
     * dispute, past its délai global de paiement (the same rule as the payment step's: the days of
     * its buyer's entity type, plus the days it spent in dispute).
     */
    public Summary received() {
        LocalDate today = LocalDate.now(PARIS);
        // one pass over the received invoices for the counts by status, one for the other figures (where
        // "OFFSET 0" keeps each invoice's overdue test computed once, not once per aggregate using it)
        record Group(String status, String chorusStatus, long count, BigDecimal totalTtc) {
        }
        List<Group> groups = jdbc.sql("""
                        SELECT status, chorus_status, count(*) AS n, coalesce(sum(total_ttc), 0) AS ttc
                        FROM facteur.invoice WHERE direction = 'RECEIVED'
                        GROUP BY GROUPING SETS ((status), (chorus_status))
                        ORDER BY status, chorus_status""")
                .query((rs, n) -> new Group(rs.getString("status"), rs.getString("chorus_status"), rs.getLong("n"),
                        rs.getBigDecimal("ttc")))
                .list();
        // status is never null: a row without it counts a Chorus Pro status (those without one are left out)
        List<ByStatus> byStatus = groups.stream().filter(group -> group.status() != null)
                .map(group -> new ByStatus(group.status(), group.count(), group.totalTtc())).toList();
        List<ByStatus> byChorusStatus = groups.stream()
                .filter(group -> group.status() == null && group.chorusStatus() != null)
                .map(group -> new ByStatus(group.chorusStatus(), group.count(), group.totalTtc())).toList();
        long total = byStatus.stream().mapToLong(ByStatus::count).sum();
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE overdue) AS overdue_n,
                            coalesce(sum(total_ttc) FILTER (WHERE overdue), 0) AS overdue_ttc,
                            count(*) FILTER (WHERE status = 'DISPUTED') AS disputed_n,
                            coalesce(sum(total_ttc) FILTER (WHERE status = 'DISPUTED'), 0) AS disputed_ttc,
                            count(*) FILTER (WHERE paid_this_month) AS paid_n,
                            coalesce(sum(total_ttc) FILTER (WHERE paid_this_month), 0) AS paid_ttc,
                            coalesce(sum(coalesce(late_interest, 0) + coalesce(late_flat_fee, 0)), 0) AS late_interest
                        FROM (SELECT status, total_ttc, late_interest, late_flat_fee,
                                  paid_on >= date_trunc('month', CAST(:today AS date)) AND paid_on <= :today
                                      AS paid_this_month,
                                  """ + OVERDUE + """
                                       AS overdue
                              FROM facteur.invoice WHERE direction = 'RECEIVED'
                              OFFSET 0) received""")
                .param("days", payment.deadlineDays())
                .param("daysByBuyer", payment.deadlineDaysByBuyerJson())
                .param("today", today)
                .query((rs, n) -> new Summary(total, byStatus, byChorusStatus,
                        new Count(rs.getLong("overdue_n"), rs.getBigDecimal("overdue_ttc")),
                        new Count(rs.getLong("disputed_n"), rs.getBigDecimal("disputed_ttc")),
                        new Count(rs.getLong("paid_n"), rs.getBigDecimal("paid_ttc")),
                        rs.getBigDecimal("late_interest")))
                .single();
    }
}
