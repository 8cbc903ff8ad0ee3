package fr.facteur.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** Where a document is filed in the GED, as what, and the metadata describing it. */
public record Classification(
        long documentId,
        String dossier,
        String category,
        JsonNode metadata,
        OffsetDateTime classifiedAt,
        String classifiedBy) {
}
