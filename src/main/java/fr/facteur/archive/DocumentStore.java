package fr.facteur.archive;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Content-addressed document storage in PostgreSQL. Storing the same bytes twice returns the
 * document already stored; reading verifies the bytes against their SHA-256.
 */
@Repository
public class DocumentStore {

    private static final String COLUMNS = "id, sha256, size_bytes, media_type, filename, created_at";

    private static final RowMapper<StoredDocument> MAPPER = (rs, n) -> new StoredDocument(
            rs.getLong("id"),
            rs.getString("sha256"),
            rs.getLong("size_bytes"),
            rs.getString("media_type"),
            rs.getString("filename"),
            rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    public DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the bytes unless a document with the same content exists; returns the stored one. */
    @Transactional
    public StoredDocument store(byte[] bytes, String mediaType, String filename) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("An empty document cannot be stored");
        }
        String sha256 = Sha256.hex(bytes);
        // ON CONFLICT waits for a concurrent insert of the same bytes, so both callers get one row.
        jdbc.sql("""
                INSERT INTO facteur.document (sha256, size_bytes, media_type, filename, content)
                VALUES (:sha256, :size, :mediaType, :filename, :content)
                ON CONFLICT (sha256) DO NOTHING""")
                .param("sha256", sha256)
                .param("size", (long) bytes.length)
                .param("mediaType", mediaType)
                .param("filename", filename)
                .param("content", bytes)
                .update();
        return findBySha256(sha256).orElseThrow();
    }

    public Optional<StoredDocument> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facteur.document WHERE id = :id")
                .param("id", id).query(MAPPER).optional();
    }

    public Optional<StoredDocument> findBySha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facteur.document WHERE sha256 = :sha256")
                .param("sha256", sha256).query(MAPPER).optional();
    }

    /** The document and its bytes, or empty if unknown; throws if the bytes were altered. */
    public Optional<DocumentContent> load(long id) {
        return find(id).map(document -> {
            byte[] bytes = jdbc.sql("SELECT content FROM facteur.document WHERE id = :id")
                    .param("id", id).query(byte[].class).single();
            String actual = Sha256.hex(bytes);
            if (!actual.equals(document.sha256())) {
                throw new DocumentIntegrityException(id, document.sha256(), actual);
            }
            return new DocumentContent(document, bytes);
        });
    }

    /** Keeps the text read from a document (for search); replaces an earlier reading. */
    @Transactional
    public void saveText(long documentId, String text) {
        jdbc.sql("""
                INSERT INTO facteur.document_text (document_id, content) VALUES (:id, :content)
                ON CONFLICT (document_id) DO UPDATE SET content = EXCLUDED.content""")
                .param("id", documentId)
                .param("content", text.replace("\u0000", ""))
                .update();
    }

    /** A document whose text matches a search, with its rank and an extract around the words. */
    public record TextHit(long documentId, double rank, String highlight) {
    }

    /**
     * Documents whose text matches {@code query} (web-search syntax: words, "phrases", -excluded),
     * in French, accents ignored, best first.
     */
    public List<TextHit> searchText(String query, int limit) {
        return jdbc.sql("""
                SELECT document_id, ts_rank(search, q) AS rank,
                       ts_headline('facteur.fr_unaccent', left(content, 100000), q,
                                   'MaxWords=18, MinWords=6, StartSel=«, StopSel=», MaxFragments=1') AS highlight
                FROM facteur.document_text, websearch_to_tsquery('facteur.fr_unaccent', :query) q
                WHERE search @@ q
                ORDER BY rank DESC, document_id DESC
                LIMIT :limit""")
                .param("query", query)
                .param("limit", limit)
                .query((rs, n) -> new TextHit(rs.getLong("document_id"), rs.getDouble("rank"), rs.getString("highlight")))
                .list();
    }
}
