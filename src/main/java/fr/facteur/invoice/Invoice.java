package fr.facteur.invoice;

import java.time.OffsetDateTime;

/** An invoice record. {@code externalKey} is the natural key that makes every intake exactly-once. */
public record Invoice(
        long id,
        Direction direction,
        Channel channel,
        String externalKey,
        Long chorusId,
        InvoiceIndex index,
        InvoiceStatus status,
        String chorusStatus,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
