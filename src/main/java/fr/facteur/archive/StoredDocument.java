package fr.facteur.archive;

import java.time.OffsetDateTime;

/** A document's metadata as kept by the archive (the bytes are fetched separately). */
public record StoredDocument(
        long id,
        String sha256,
        long sizeBytes,
        String mediaType,
        String filename,
        OffsetDateTime createdAt) {
}
