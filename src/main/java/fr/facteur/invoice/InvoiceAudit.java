package fr.facteur.invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail of invoices: written in the transaction of the action it records (an action
 * rolled back leaves no line), never changed afterwards. There is no update or delete here, and the
 * database refuses them anyway (trigger of migration V8) and chains the lines by their hashes
 * (migration V10, {@link #verifyChain}).
 */
@Service
public class InvoiceAudit {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    /** The lines recorded in the current transaction, written together just before it commits. */
    private final TransactionScoped<List<Line>> pending = new TransactionScoped<>(ArrayList::new, this::insertPending);

    private record Line(long invoiceId, String actor, String action, String summary, String details) {
    }

    public InvoiceAudit(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records an action in the current transaction. The lines of a transaction are written in one
     * statement just before it commits (the database times them then: when the action took effect),
     * in the order they were recorded; an action rolled back leaves none.
     */
    @Transactional
    public void record(long invoiceId, String actor, AuditAction action, String summary, Map<String, ?> details) {
        Line line = new Line(invoiceId, actor == null ? "inconnu" : actor, action.name(), summary, write(details));
        List<Line> lines = pending.current();
        if (lines != null) {
            lines.add(line);
        } else {
            insert(List.of(line));
        }
    }

    /** Writes the lines recorded so far in this transaction (before reading the trail, before commit). */
    private void flush() {
        List<Line> lines = pending.current();
        if (lines != null) {
            insertPending(lines);
        }
    }

    private void insertPending(List<Line> lines) {
        insert(lines);
        lines.clear();
    }

    private void insert(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        // one statement for any number of lines, inserted in their order (the chain's trigger links each
        // line to the one before it, the lines of this statement included)
        jdbc.sql("""
                INSERT INTO facteur.invoice_audit (invoice_id, actor, action, summary, details)
                SELECT invoice_id, actor, action, summary, CAST(details AS jsonb)
                FROM unnest(CAST(:invoiceIds AS bigint[]), CAST(:actors AS text[]), CAST(:actions AS text[]),
                            CAST(:summaries AS text[]), CAST(:details AS text[]))
                     WITH ORDINALITY AS line(invoice_id, actor, action, summary, details, position)
                ORDER BY position""")
                .param("invoiceIds", new SqlArrayValue("bigint", lines.stream().map(Line::invoiceId).toArray()))
                .param("actors", new SqlArrayValue("text", lines.stream().map(Line::actor).toArray()))
                .param("actions", new SqlArrayValue("text", lines.stream().map(Line::action).toArray()))
                .param("summaries", new SqlArrayValue("text", lines.stream().map(Line::summary).toArray()))
                .param("details", new SqlArrayValue("text", lines.stream().map(Line::details).toArray()))
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
        flush();
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

    /** What the hash chain of an invoice's trail says: intact, or which lines break it. */
    public record ChainVerification(boolean intact, int lines, String head, List<String> problems) {
    }

    /**
     * Recomputes the hash chain of the invoice's trail (see migration V10): each line's hash from its
     * content and its previous hash, and every previous hash must be an earlier line's.
     */
    public ChainVerification verifyChain(long invoiceId) {
        flush();
        List<String> problems = new ArrayList<>();
        Set<String> earlier = new HashSet<>();
        String head = null;
        int lines = 0;
        for (Map<String, Object> line : jdbc.sql("""
                SELECT id, invoice_id, (extract(epoch FROM occurred_at) * 1000000)::bigint AS micros, actor, action,
                       summary, details::text AS details, previous_hash, line_hash
                FROM facteur.invoice_audit WHERE invoice_id = :id ORDER BY id""")
                .param("id", invoiceId).query().listOfRows()) {
            lines++;
            long id = ((Number) line.get("id")).longValue();
            String previous = (String) line.get("previous_hash");
            String stored = (String) line.get("line_hash");
            String computed = lineHash(previous, id, invoiceId, ((Number) line.get("micros")).longValue(),
                    (String) line.get("actor"), (String) line.get("action"), (String) line.get("summary"),
                    (String) line.get("details"));
            if (!computed.equals(stored)) {
                problems.add("Ligne " + id + " : son contenu ne correspond plus à son empreinte (modifiée après coup)");
            }
            if (previous != null && !earlier.contains(previous)) {
                problems.add("Ligne " + id + " : la ligne qui la précédait a disparu ou a été modifiée");
            }
            earlier.add(stored);
            head = stored;
        }
        return new ChainVerification(problems.isEmpty(), lines, head, problems);
    }

    /** The SHA-256 of one line, as the database computes it ({@code audit_line_hash}). */
    static String lineHash(String previous, long id, long invoiceId, long micros, String actor, String action,
                           String summary, String details) {
        String text = String.join("\n", previous == null ? "" : previous, Long.toString(id), Long.toString(invoiceId),
                Long.toString(micros), actor, action, summary, details);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
