package fr.facteur.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail of invoices: written in the transaction of the action it records (an action
 * rolled back leaves no line), never changed afterwards. There is no update or delete here, and the
 * database refuses them anyway (trigger of migration V8).
 */
@Service
public class InvoiceAudit {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public InvoiceAudit(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records an action in the current transaction. */
    @Transactional
    public void record(long invoiceId, String actor, AuditAction action, String summary, Map<String, ?> details) {
        jdbc.sql("""
                INSERT INTO facteur.invoice_audit (invoice_id, actor, action, summary, details)
                VALUES (:invoiceId, :actor, :action, :summary, CAST(:details AS jsonb))""")
                .param("invoiceId", invoiceId)
                .param("actor", actor == null ? "inconnu" : actor)
                .param("action", action.name())
                .param("summary", summary)
                .param("details", write(details))
                .update();
    }

    /**
     * Records an action whose own transaction is about to fail (a Chorus Pro call that will be
     * retried): the line is committed now, whatever happens to the caller's transaction.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRegardless(long invoiceId, String actor, AuditAction action, String summary,
                                 Map<String, ?> details) {
        record(invoiceId, actor, action, summary, details);
    }

    /** The invoice's trail, oldest first. */
    public List<AuditEntry> trail(long invoiceId) {
        return jdbc.sql("""
                SELECT id, invoice_id, occurred_at, actor, action, summary, details::text AS details
                FROM facteur.invoice_audit WHERE invoice_id = :id ORDER BY occurred_at, id""")
                .param("id", invoiceId)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getLong("invoice_id"),
                        rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"),
                        AuditAction.valueOf(rs.getString("action")), rs.getString("summary"),
                        read(rs.getString("details"))))
                .list();
    }

    private String write(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
