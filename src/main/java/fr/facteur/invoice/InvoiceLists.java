package fr.facteur.invoice;

import fr.facteur.payment.PaymentProperties;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Service;

/**
 * The managers' lists of received invoices (to validate, in dispute, overdue, paid, all) with
 * filters, and how the statuses evolved week by week. "Overdue" means what it means on the
 * summary ({@link InvoiceSummary}).
 */
@Service
public class InvoiceLists {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A list of the overview. */
    public enum Kind {
        TO_VALIDATE("a-valider", "À valider", "status = 'TO_VALIDATE'"),
        DISPUTED("en-litige", "En litige", "status = 'DISPUTED'"),
        OVERDUE("en-retard", "En retard de paiement", InvoiceSummary.OVERDUE),
        PAID("payees", "Payées", "status = 'PAID'"),
        ALL("toutes", "Toutes les factures", "TRUE");

        private final String slug;
        private final String label;
        private final String condition;

        Kind(String slug, String label, String condition) {
            this.slug = slug;
            this.label = label;
            this.condition = condition;
        }

        /** The name of the list in URLs ({@code ?liste=en-retard}). */
        public String slug() {
            return slug;
        }

        public String label() {
            return label;
        }

        public static Kind fromSlug(String slug) {
            for (Kind kind : values()) {
                if (kind.slug.equals(slug)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Liste inconnue : " + slug);
        }
    }

    /**
     * Filters of a list; null matches everything. {@code supplier}: part of the name, or the SIRET;
     * {@code receivedFrom}/{@code receivedTo}: days of reception, both included.
     */
    public record Filter(String supplier, Channel channel, InvoiceStatus status, LocalDate receivedFrom,
                         LocalDate receivedTo, BigDecimal minTtc, BigDecimal maxTtc) {
    }

    /** An invoice in a list, with its legal payment deadline. */
    public record Row(Invoice invoice, LocalDate paymentDeadline, boolean overdue) {
    }

    /** Invoices in each status at the end of one week. */
    public record Week(LocalDate start, List<InvoiceSummary.ByStatus> statuses) {
    }

    private final JdbcClient jdbc;
    private final PaymentProperties payment;

    public InvoiceLists(JdbcClient jdbc, PaymentProperties payment) {
        this.jdbc = jdbc;
        this.payment = payment;
    }

    /** One page of the list, newest first. */
    public List<Row> page(Kind kind, Filter filter, int page, int size) {
        return bind(jdbc.sql(select(kind) + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"), filter)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::row)
                .list();
    }

    /** Every row of the list, newest first, one at a time (for an export of any size). */
    public void each(Kind kind, Filter filter, Consumer<Row> consumer) {
        try (Stream<Row> rows = bind(jdbc.sql(select(kind) + " ORDER BY created_at DESC, id DESC"), filter)
                .query(this::row)
                .stream()) {
            rows.forEach(consumer);
        }
    }

    public InvoiceSummary.Count count(Kind kind, Filter filter) {
        return bind(jdbc.sql("SELECT count(*) AS n, coalesce(sum(total_ttc), 0) AS ttc FROM facteur.invoice "
                        + where(kind)), filter)
                .query((rs, n) -> new InvoiceSummary.Count(rs.getLong("n"), rs.getBigDecimal("ttc")))
                .single();
    }

    /**
     * For each of the last {@code weeks} weeks (Monday to Sunday, the current one last), how many
     * received invoices were in each status at its end (now, for the current week), from the
     * status history.
     */
    public List<Week> statusesByWeek(int weeks) {
        LocalDate thisMonday = LocalDate.now(PARIS).with(DayOfWeek.MONDAY);
        LocalDate first = thisMonday.minusWeeks(weeks - 1L);
        List<Week> result = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            result.add(new Week(first.plusWeeks(i), new ArrayList<>()));
        }
        record Cell(LocalDate weekStart, InvoiceSummary.ByStatus status) {
        }
        jdbc.sql("""
                SELECT CAST(w.week_start AS date) AS week_start, s.status, count(*) AS n,
                       coalesce(sum(s.total_ttc), 0) AS ttc
                FROM generate_series(CAST(:first AS date), CAST(:last AS date), INTERVAL '1 week') AS w(week_start)
                CROSS JOIN LATERAL (
                    SELECT DISTINCT ON (h.invoice_id) h.to_status AS status, i.total_ttc
                    FROM facteur.invoice_status_history h
                    JOIN facteur.invoice i ON i.id = h.invoice_id AND i.direction = 'RECEIVED'
                    WHERE h.changed_at < (w.week_start + INTERVAL '1 week') AT TIME ZONE 'Europe/Paris'
                    ORDER BY h.invoice_id, h.changed_at DESC, h.id DESC) s
                GROUP BY w.week_start, s.status
                ORDER BY w.week_start, s.status""")
                .param("first", first)
                .param("last", thisMonday)
                .query((rs, n) -> new Cell(rs.getObject("week_start", LocalDate.class), new InvoiceSummary.ByStatus(
                        rs.getString("status"), rs.getLong("n"), rs.getBigDecimal("ttc"))))
                .list()
                .forEach(cell -> result.get((int) ChronoUnit.WEEKS.between(first, cell.weekStart()))
                        .statuses().add(cell.status()));
        return result;
    }

    /** A row of {@link #select}: its deadline and "overdue" are the summary's own, evaluated by the database. */
    private Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(InvoiceRepository.map(rs, rowNum), rs.getObject("payment_deadline", LocalDate.class),
                rs.getBoolean("overdue"));
    }

    private static String select(Kind kind) {
        return "SELECT " + InvoiceRepository.COLUMNS
                + ", (" + InvoiceSummary.PAYMENT_DEADLINE + ") AS payment_deadline"
                + ", (" + InvoiceSummary.OVERDUE + ") AS overdue"
                + " FROM facteur.invoice " + where(kind);
    }

    private static String where(Kind kind) {
        return "WHERE direction = 'RECEIVED' AND (" + kind.condition + ")"
                + " AND (CAST(:supplier AS VARCHAR) IS NULL OR supplier_siret = :supplierDigits"
                + "      OR lower(supplier_name) LIKE :supplierLike)"
                + " AND (CAST(:channel AS VARCHAR) IS NULL OR channel = :channel)"
                + " AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)"
                + " AND (CAST(:receivedFrom AS DATE) IS NULL"
                + "      OR (created_at AT TIME ZONE 'Europe/Paris')::date >= :receivedFrom)"
                + " AND (CAST(:receivedTo AS DATE) IS NULL OR (created_at AT TIME ZONE 'Europe/Paris')::date <= :receivedTo)"
                + " AND (CAST(:minTtc AS NUMERIC) IS NULL OR total_ttc >= :minTtc)"
                + " AND (CAST(:maxTtc AS NUMERIC) IS NULL OR total_ttc <= :maxTtc)";
    }

    private StatementSpec bind(StatementSpec statement, Filter filter) {
        String supplier = filter.supplier() == null || filter.supplier().isBlank() ? null : filter.supplier().strip();
        return statement
                .param("supplier", supplier)
                .param("supplierDigits", supplier == null ? null : supplier.replaceAll("\\s", ""))
                .param("supplierLike", supplier == null ? null
                        : "%" + supplier.toLowerCase(Locale.FRENCH).replace("\\", "\\\\").replace("%", "\\%")
                                .replace("_", "\\_") + "%")
                .param("channel", filter.channel() == null ? null : filter.channel().name())
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("receivedFrom", filter.receivedFrom())
                .param("receivedTo", filter.receivedTo())
                .param("minTtc", filter.minTtc())
                .param("maxTtc", filter.maxTtc())
                .param("days", payment.deadlineDays())
                .param("daysByBuyer", payment.deadlineDaysByBuyerJson())
                .param("today", LocalDate.now(PARIS));
    }
}
