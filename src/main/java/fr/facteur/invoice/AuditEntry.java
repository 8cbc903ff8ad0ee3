package fr.facteur.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One line of an invoice's audit trail: who did what, when, and the facts of it. */
public record AuditEntry(
        long id,
        long invoiceId,
        OffsetDateTime occurredAt,
        String actor,
        AuditAction action,
        String summary,
        JsonNode details) {
}
