package fr.facteur.invoice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/** SQL access to the invoice tables of schema {@code facteur}. */
@Repository
public class InvoiceRepository {

    static final String COLUMNS = """
            id, direction, channel, external_key, chorus_id, supplier_name, supplier_siret,
            supplier_vat_number, buyer_name, buyer_siret, invoice_number, issue_date, due_date,
            currency, total_ht, total_tva, total_ttc, purchase_order_reference, service_code,
            status, chorus_status, made_available_on, created_at, updated_at""";

    private final JdbcClient jdbc;
    /** The invoices and their documents as read in the current transaction (every write here evicts them). */
    private final TransactionScopedCache<Long, Optional<Invoice>> read = new TransactionScopedCache<>();
    private final TransactionScopedCache<Long, List<InvoiceDocument>> documentsRead = new TransactionScopedCache<>();

    public InvoiceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the invoice unless its external key is already known.
     *
     * @return the new invoice, or empty when an invoice with that key exists (possibly inserted by a
     *     concurrent transaction that has now committed)
     */
    public Optional<Invoice> insertIfAbsent(NewInvoice invoice, InvoiceStatus status) {
        Optional<Invoice> inserted = withIndex(jdbc.sql("""
                INSERT INTO facteur.invoice (direction, channel, external_key, chorus_id,
                    supplier_name, supplier_siret, supplier_vat_number, buyer_name, buyer_siret,
                    invoice_number, issue_date, due_date, currency, total_ht, total_tva, total_ttc,
                    purchase_order_reference, service_code, status, chorus_status, made_available_on)
                VALUES (:direction, :channel, :externalKey, :chorusId,
                    :supplierName, :supplierSiret, :supplierVat, :buyerName, :buyerSiret,
                    :invoiceNumber, :issueDate, :dueDate, :currency, :totalHt, :totalTva, :totalTtc,
                    :purchaseOrder, :serviceCode, :status, :chorusStatus, :madeAvailableOn)
                ON CONFLICT (external_key) DO NOTHING
                RETURNING\s""" + COLUMNS), invoice.index())
                .param("direction", invoice.direction().name())
                .param("channel", invoice.channel().name())
                .param("externalKey", invoice.externalKey())
                .param("chorusId", invoice.chorusId())
                .param("status", status.name())
                .param("chorusStatus", invoice.chorusStatus())
                .param("madeAvailableOn", invoice.madeAvailableOn())
                .query(InvoiceRepository::map)
                .optional();
        inserted.ifPresent(row -> read.put(row.id(), inserted));
        return inserted;
    }

    /** The invoice; read once per transaction (a later write in the transaction reads it again). */
    public Optional<Invoice> find(long id) {
        return read.get(id, key -> jdbc.sql("SELECT " + COLUMNS + " FROM facteur.invoice WHERE id = :id")
                .param("id", key).query(InvoiceRepository::map).optional());
    }

    /** Reads the invoice and locks its row until the end of the transaction (always from the database). */
    public Optional<Invoice> findForUpdate(long id) {
        Optional<Invoice> invoice = jdbc.sql("SELECT " + COLUMNS + " FROM facteur.invoice WHERE id = :id FOR UPDATE")
                .param("id", id).query(InvoiceRepository::map).optional();
        read.put(id, invoice);
        return invoice;
    }

    /** The invoices of these ids, in one query (unknown ids are left out). */
    public Map<Long, Invoice> findAll(Collection<Long> ids) {
        Map<Long, Invoice> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT " + COLUMNS + " FROM facteur.invoice WHERE id IN (:ids)")
                    .param("ids", ids).query(InvoiceRepository::map).list()
                    .forEach(invoice -> found.put(invoice.id(), invoice));
        }
        return found;
    }

    public Optional<Invoice> findByExternalKey(String externalKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facteur.invoice WHERE external_key = :key")
                .param("key", externalKey).query(InvoiceRepository::map).optional();
    }

    /** One page of invoices, newest first; a null filter matches everything. */
    public List<Invoice> list(InvoiceStatus status, Direction direction, int offset, int limit) {
        return filtered("SELECT " + COLUMNS + " FROM facteur.invoice" + WHERE_FILTERS
                + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset", status, direction)
                .param("limit", limit)
                .param("offset", offset)
                .query(InvoiceRepository::map)
                .list();
    }

    public long count(InvoiceStatus status, Direction direction) {
        return filtered("SELECT count(*) FROM facteur.invoice" + WHERE_FILTERS, status, direction)
                .query(Long.class).single();
    }

    private static final String WHERE_FILTERS = """
            \sWHERE (CAST(:status AS VARCHAR) IS NULL OR status = :status)
              AND (CAST(:direction AS VARCHAR) IS NULL OR direction = :direction)""";

    private StatementSpec filtered(String sql, InvoiceStatus status, Direction direction) {
        return jdbc.sql(sql)
                .param("status", status == null ? null : status.name())
                .param("direction", direction == null ? null : direction.name());
    }

    /** The day until which the invoice must be kept, once it reached a final state. */
    public void updateRetainUntil(long id, LocalDate retainUntil) {
        read.evict(id);
        jdbc.sql("UPDATE facteur.invoice SET retain_until = :retainUntil WHERE id = :id")
                .param("retainUntil", retainUntil).param("id", id).update();
    }

    public Optional<LocalDate> retainUntil(long id) {
        return jdbc.sql("SELECT retain_until FROM facteur.invoice WHERE id = :id")
                .param("id", id).query((rs, n) -> rs.getObject(1, LocalDate.class)).optional()
                .filter(Objects::nonNull);
    }

    /** Invoices in a final state that were never filed with their retention (those that ended before it existed). */
    public List<Long> finalWithoutRetention(long afterId, int limit) {
        return jdbc.sql("""
                SELECT id FROM facteur.invoice
                WHERE retain_until IS NULL AND status IN ('PAID', 'REJECTED', 'DUPLICATE', 'ABANDONED', 'UNFOLLOWED')
                  AND id > :after
                ORDER BY id LIMIT :limit""")
                .param("after", afterId).param("limit", limit).query(Long.class).list();
    }

    /** An invoice whose retention ended before a day: it may be destroyed. */
    public record Destroyable(long invoiceId, String number, String supplierName, String status,
                              LocalDate retainUntil) {
    }

    /** The invoices whose retention ended before {@code day}, oldest retention first. */
    public List<Destroyable> destroyable(LocalDate day, int offset, int limit) {
        return jdbc.sql("""
                SELECT id, invoice_number, supplier_name, status, retain_until FROM facteur.invoice
                WHERE retain_until < :day ORDER BY retain_until, id LIMIT :limit OFFSET :offset""")
                .param("day", day).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Destroyable(rs.getLong("id"), rs.getString("invoice_number"),
                        rs.getString("supplier_name"), rs.getString("status"),
                        rs.getObject("retain_until", LocalDate.class)))
                .list();
    }

    /** Changes the status; returns the invoice as it is now (kept for the rest of the transaction). */
    public Invoice updateStatus(long id, InvoiceStatus status) {
        return written(id, jdbc.sql("UPDATE facteur.invoice SET status = :status, updated_at = now() WHERE id = :id "
                + "RETURNING " + COLUMNS).param("status", status.name()).param("id", id));
    }

    /** The row an UPDATE … RETURNING wrote, kept as the transaction's read of the invoice. */
    private Invoice written(long id, StatementSpec update) {
        Optional<Invoice> invoice = update.query(InvoiceRepository::map).optional();
        read.put(id, invoice);
        return invoice.orElseThrow(() -> new InvoiceNotFoundException(id));
    }

    public void insertHistory(long invoiceId, String actor, InvoiceStatus from, InvoiceStatus to, String comment) {
        jdbc.sql("""
                INSERT INTO facteur.invoice_status_history (invoice_id, changed_by, from_status, to_status, comment)
                VALUES (:invoiceId, :actor, :from, :to, :comment)""")
                .param("invoiceId", invoiceId)
                .param("actor", actor)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("comment", comment)
                .update();
    }

    public List<StatusChange> history(long invoiceId) {
        return jdbc.sql("""
                SELECT changed_at, changed_by, from_status, to_status, comment
                FROM facteur.invoice_status_history WHERE invoice_id = :id ORDER BY changed_at, id""")
                .param("id", invoiceId)
                .query((rs, n) -> new StatusChange(
                        rs.getObject("changed_at", OffsetDateTime.class),
                        rs.getString("changed_by"),
                        rs.getString("from_status") == null ? null : InvoiceStatus.valueOf(rs.getString("from_status")),
                        InvoiceStatus.valueOf(rs.getString("to_status")),
                        rs.getString("comment")))
                .list();
    }

    /** Replaces the index fields; returns the invoice as it is now (kept for the rest of the transaction). */
    public Invoice updateIndex(long id, InvoiceIndex index) {
        return written(id, withIndex(jdbc.sql("""
                UPDATE facteur.invoice SET supplier_name = :supplierName, supplier_siret = :supplierSiret,
                    supplier_vat_number = :supplierVat, buyer_name = :buyerName, buyer_siret = :buyerSiret,
                    invoice_number = :invoiceNumber, issue_date = :issueDate, due_date = :dueDate,
                    currency = :currency, total_ht = :totalHt, total_tva = :totalTva, total_ttc = :totalTtc,
                    purchase_order_reference = :purchaseOrder, service_code = :serviceCode, updated_at = now()
                WHERE id = :id RETURNING\s""" + COLUMNS), index).param("id", id));
    }

    /** Binds the index fields, named alike in every statement that writes them. */
    private static StatementSpec withIndex(StatementSpec statement, InvoiceIndex ix) {
        return statement
                .param("supplierName", ix.supplierName())
                .param("supplierSiret", ix.supplierSiret())
                .param("supplierVat", ix.supplierVatNumber())
                .param("buyerName", ix.buyerName())
                .param("buyerSiret", ix.buyerSiret())
                .param("invoiceNumber", ix.invoiceNumber())
                .param("issueDate", ix.issueDate())
                .param("dueDate", ix.dueDate())
                .param("currency", ix.currency())
                .param("totalHt", ix.totalHt())
                .param("totalTva", ix.totalTva())
                .param("totalTtc", ix.totalTtc())
                .param("purchaseOrder", ix.purchaseOrderReference())
                .param("serviceCode", ix.serviceCode());
    }

    public void updateMandate(long id, String mandateNumber) {
        read.evict(id);
        jdbc.sql("UPDATE facteur.invoice SET mandate_number = :number, updated_at = now() WHERE id = :id")
                .param("number", mandateNumber).param("id", id).update();
    }

    public void updatePayment(long id, Payment payment) {
        read.evict(id);
        jdbc.sql("""
                UPDATE facteur.invoice SET paid_on = :paidOn, payment_due_on = :dueOn, late_interest = :interest,
                    late_flat_fee = :fee, updated_at = now() WHERE id = :id""")
                .param("paidOn", payment.paidOn()).param("dueOn", payment.dueOn())
                .param("interest", payment.lateInterest()).param("fee", payment.lateFlatFee()).param("id", id)
                .update();
    }

    public Optional<Payment> payment(long id) {
        return jdbc.sql("""
                SELECT mandate_number, payment_due_on, paid_on, late_interest, late_flat_fee
                FROM facteur.invoice WHERE id = :id AND paid_on IS NOT NULL""")
                .param("id", id)
                .query((rs, n) -> new Payment(rs.getString("mandate_number"),
                        rs.getObject("payment_due_on", LocalDate.class), rs.getObject("paid_on", LocalDate.class),
                        rs.getBigDecimal("late_interest"), rs.getBigDecimal("late_flat_fee")))
                .optional();
    }

    public void updateChorusStatus(long id, String chorusStatus) {
        read.evict(id);
        jdbc.sql("UPDATE facteur.invoice SET chorus_status = :status, updated_at = now() WHERE id = :id")
                .param("status", chorusStatus).param("id", id).update();
    }

    public void updateChorusId(long id, Long chorusId) {
        read.evict(id);
        jdbc.sql("UPDATE facteur.invoice SET chorus_id = :chorusId, updated_at = now() WHERE id = :id")
                .param("chorusId", chorusId).param("id", id).update();
    }

    public void insertChorusHistory(long invoiceId, String from, String to, OffsetDateTime statusTime) {
        jdbc.sql("""
                INSERT INTO facteur.invoice_chorus_status_history (invoice_id, from_status, to_status, status_time)
                VALUES (:invoiceId, :from, :to, :statusTime)""")
                .param("invoiceId", invoiceId).param("from", from).param("to", to).param("statusTime", statusTime)
                .update();
    }

    /** Adds the steps of Chorus Pro's history not known yet (a step is its status and date); returns how many. */
    public int insertChorusSteps(long invoiceId, List<ChorusStep> steps) {
        int added = 0;
        for (ChorusStep step : steps) {
            added += jdbc.sql("""
                    INSERT INTO facteur.invoice_chorus_step (invoice_id, step_id, status, passed_at, author, comment)
                    VALUES (:id, :stepId, :status, :passedAt, :author, :comment)
                    ON CONFLICT ON CONSTRAINT uq_invoice_chorus_step DO NOTHING""")
                    .param("id", invoiceId).param("stepId", step.stepId()).param("status", step.status())
                    .param("passedAt", step.passedAt())
                    .param("author", step.author()).param("comment", step.comment())
                    .update();
        }
        return added;
    }

    /** Chorus Pro's history of the invoice, oldest first. */
    public List<ChorusStep> chorusSteps(long invoiceId) {
        return jdbc.sql("""
                SELECT step_id, status, passed_at, author, comment FROM facteur.invoice_chorus_step
                WHERE invoice_id = :id ORDER BY passed_at NULLS FIRST, id""")
                .param("id", invoiceId)
                .query((rs, n) -> new ChorusStep(rs.getObject("step_id", Long.class), rs.getString("status"),
                        rs.getObject("passed_at", OffsetDateTime.class), rs.getString("author"), rs.getString("comment")))
                .list();
    }

    public void markChorusHistoryDue(long invoiceId, boolean due) {
        read.evict(invoiceId);
        jdbc.sql("UPDATE facteur.invoice SET chorus_history_due = :due WHERE id = :id")
                .param("due", due).param("id", invoiceId).update();
    }

    /** Invoices whose Chorus Pro history is to be read, with their Chorus id. */
    public Map<Long, Long> chorusHistoryDue(int limit) {
        Map<Long, Long> due = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT id, chorus_id FROM facteur.invoice WHERE chorus_history_due AND chorus_id IS NOT NULL "
                        + "ORDER BY id LIMIT :limit")
                .param("limit", limit)
                .query(rs -> {
                    due.put(rs.getLong("id"), rs.getLong("chorus_id"));
                });
        return due;
    }

    public List<ChorusStatusChange> chorusHistory(long invoiceId) {
        return jdbc.sql("""
                SELECT seen_at, status_time, from_status, to_status FROM facteur.invoice_chorus_status_history
                WHERE invoice_id = :id ORDER BY seen_at, id""")
                .param("id", invoiceId)
                .query((rs, n) -> new ChorusStatusChange(rs.getObject("seen_at", OffsetDateTime.class),
                        rs.getObject("status_time", OffsetDateTime.class), rs.getString("from_status"),
                        rs.getString("to_status")))
                .list();
    }

    public void attachDocument(long invoiceId, long documentId, DocumentRole role) {
        documentsRead.evict(invoiceId);
        jdbc.sql("""
                INSERT INTO facteur.invoice_document (invoice_id, document_id, role)
                VALUES (:invoiceId, :documentId, :role)
                ON CONFLICT (invoice_id, document_id) DO NOTHING""")
                .param("invoiceId", invoiceId)
                .param("documentId", documentId)
                .param("role", role.name())
                .update();
    }

    /** The invoices a document belongs to (usually one). */
    public List<Long> invoicesOfDocument(long documentId) {
        return jdbc.sql("SELECT invoice_id FROM facteur.invoice_document WHERE document_id = :id")
                .param("id", documentId).query(Long.class).list();
    }

    /** The invoice's documents; read once per transaction (attaching one reads them again). */
    public List<InvoiceDocument> documents(long invoiceId) {
        return documentsRead.get(invoiceId, this::readDocuments);
    }

    private List<InvoiceDocument> readDocuments(long invoiceId) {
        return jdbc.sql("""
                SELECT d.id, l.role, d.filename, d.media_type, d.size_bytes, d.sha256, l.added_at
                FROM facteur.invoice_document l JOIN facteur.document d ON d.id = l.document_id
                WHERE l.invoice_id = :id ORDER BY l.role DESC, l.added_at, d.id""")
                .param("id", invoiceId)
                .query((rs, n) -> new InvoiceDocument(
                        rs.getLong("id"),
                        DocumentRole.valueOf(rs.getString("role")),
                        rs.getString("filename"),
                        rs.getString("media_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getObject("added_at", OffsetDateTime.class)))
                .list();
    }

    static Invoice map(ResultSet rs, int rowNum) throws SQLException {
        return new Invoice(
                rs.getLong("id"),
                Direction.valueOf(rs.getString("direction")),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("external_key"),
                rs.getObject("chorus_id", Long.class),
                new InvoiceIndex(
                        rs.getString("supplier_name"),
                        rs.getString("supplier_siret"),
                        rs.getString("supplier_vat_number"),
                        rs.getString("buyer_name"),
                        rs.getString("buyer_siret"),
                        rs.getString("invoice_number"),
                        rs.getObject("issue_date", LocalDate.class),
                        rs.getObject("due_date", LocalDate.class),
                        rs.getString("currency"),
                        rs.getBigDecimal("total_ht"),
                        rs.getBigDecimal("total_tva"),
                        rs.getBigDecimal("total_ttc"),
                        rs.getString("purchase_order_reference"),
                        rs.getString("service_code")),
                InvoiceStatus.valueOf(rs.getString("status")),
                rs.getString("chorus_status"),
                rs.getObject("made_available_on", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
