package fr.facteur.invoice;

import java.time.OffsetDateTime;

/** One line of an invoice's status history. {@code from} is null for the first status. */
public record StatusChange(
        OffsetDateTime changedAt,
        String changedBy,
        InvoiceStatus from,
        InvoiceStatus to,
        String comment) {
}
