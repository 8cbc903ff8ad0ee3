package fr.facteur.invoice;

import java.time.OffsetDateTime;

/** A document grouped with an invoice, with the metadata a user needs to pick it. */
public record InvoiceDocument(
        long documentId,
        DocumentRole role,
        String filename,
        String mediaType,
        long sizeBytes,
        String sha256,
        OffsetDateTime addedAt) {
}
