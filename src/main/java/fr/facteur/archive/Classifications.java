package fr.facteur.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The GED's filing: each document in a dossier (the documents of one business file), with a
 * category and metadata. Filing again replaces the metadata: they describe the file as it is now
 * (its history is the audit trail of whoever files it).
 */
@Repository
public class Classifications {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RowMapper<Classification> mapper;

    public Classifications(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = (rs, n) -> new Classification(rs.getLong("document_id"), rs.getString("dossier"),
                rs.getString("category"), read(rs.getString("metadata")),
                rs.getObject("classified_at", OffsetDateTime.class), rs.getString("classified_by"));
    }

    @Transactional
    public void classify(long documentId, String dossier, String category, Map<String, ?> metadata, String actor) {
        jdbc.sql("""
                INSERT INTO facteur.document_classification (document_id, dossier, category, metadata, classified_by)
                VALUES (:documentId, :dossier, :category, CAST(:metadata AS jsonb), :actor)
                ON CONFLICT (document_id, dossier) DO UPDATE SET category = EXCLUDED.category,
                    metadata = EXCLUDED.metadata, classified_at = now(), classified_by = EXCLUDED.classified_by""")
                .param("documentId", documentId)
                .param("dossier", dossier)
                .param("category", category)
                .param("metadata", write(metadata))
                .param("actor", actor)
                .update();
    }

    /** Whether anything is filed in the dossier yet. */
    public boolean hasDossier(String dossier) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM facteur.document_classification WHERE dossier = :dossier)")
                .param("dossier", dossier)
                .query(Boolean.class)
                .single();
    }

    /** The documents filed in a dossier, main categories first. */
    public List<Classification> inDossier(String dossier) {
        return jdbc.sql("""
                SELECT document_id, dossier, category, metadata::text AS metadata, classified_at, classified_by
                FROM facteur.document_classification WHERE dossier = :dossier ORDER BY classified_at, document_id""")
                .param("dossier", dossier)
                .query(mapper)
                .list();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
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
