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
     * discarded, not in dispute (the clock is paused), past its {@link #PAYMENT_DEADLINE}.
     */
    static final String OVERDUE = "status NOT IN ('PAID', 'REJECTED', 'DUPLICATE', 'DISPUTED') AND "
            + PAYMENT_DEADLINE + " < :today";

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
        List<ByStatus> byStatus = grouped("status");
        List<ByStatus> byChorusStatus = grouped("chorus_status");
        long total = byStatus.stream().mapToLong(ByStatus::count).sum();
        Count overdue = count(OVERDUE, today);
        Count disputed = count("status = 'DISPUTED'", today);
        Count paidThisMonth = count("paid_on >= date_trunc('month', CAST(:today AS date)) AND paid_on <= :today", today);
        BigDecimal lateInterest = jdbc.sql("""
                SELECT coalesce(sum(coalesce(late_interest, 0) + coalesce(late_flat_fee, 0)), 0)
                FROM facteur.invoice WHERE direction = 'RECEIVED'""").query(BigDecimal.class).single();
        return new Summary(total, byStatus, byChorusStatus, overdue, disputed, paidThisMonth, lateInterest);
    }

    private List<ByStatus> grouped(String column) {
        return jdbc.sql("SELECT " + column + " AS status, count(*) AS n, coalesce(sum(total_ttc), 0) AS ttc "
                        + "FROM facteur.invoice WHERE direction = 'RECEIVED' AND " + column + " IS NOT NULL "
                        + "GROUP BY " + column + " ORDER BY " + column)
                .query((rs, n) -> new ByStatus(rs.getString("status"), rs.getLong("n"), rs.getBigDecimal("ttc")))
                .list();
    }

    private Count count(String condition, LocalDate today) {
        return jdbc.sql("SELECT count(*) AS n, coalesce(sum(total_ttc), 0) AS ttc FROM facteur.invoice "
                        + "WHERE direction = 'RECEIVED' AND " + condition)
                .param("days", payment.deadlineDays())
                .param("daysByBuyer", payment.deadlineDaysByBuyerJson())
                .param("today", today)
                .query((rs, n) -> new Count(rs.getLong("n"), rs.getBigDecimal("ttc")))
                .single();
    }
}
