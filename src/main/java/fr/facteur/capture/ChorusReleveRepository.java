package fr.facteur.capture;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Watermarks per structure and the queue of invoices seen but not imported yet. */
@Repository
class ChorusReleveRepository {

    private final JdbcClient jdbc;

    ChorusReleveRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OffsetDateTime> watermark(long structureId) {
        return jdbc.sql("SELECT watermark FROM facteur.chorus_releve_watermark WHERE structure_id = :id")
                .param("id", structureId).query(OffsetDateTime.class).optional();
    }

    /** Moves the watermark forward only: a slower, older relève never moves it back. */
    void moveWatermark(long structureId, OffsetDateTime to) {
        jdbc.sql("""
                INSERT INTO facteur.chorus_releve_watermark (structure_id, watermark) VALUES (:id, :to)
                ON CONFLICT (structure_id) DO UPDATE SET watermark = GREATEST(chorus_releve_watermark.watermark,
                    EXCLUDED.watermark), updated_at = now()""")
                .param("id", structureId).param("to", to).update();
    }

    void enqueue(long chorusId, long structureId, String status) {
        jdbc.sql("""
                INSERT INTO facteur.chorus_import_queue (chorus_id, structure_id, chorus_status)
                VALUES (:id, :structure, :status)
                ON CONFLICT (chorus_id) DO UPDATE SET chorus_status = EXCLUDED.chorus_status, seen_at = now()""")
                .param("id", chorusId).param("structure", structureId).param("status", status).update();
    }

    List<Long> pending(long structureId) {
        return jdbc.sql("SELECT chorus_id FROM facteur.chorus_import_queue WHERE structure_id = :id ORDER BY chorus_id")
                .param("id", structureId).query(Long.class).list();
    }

    void dequeue(long chorusId) {
        jdbc.sql("DELETE FROM facteur.chorus_import_queue WHERE chorus_id = :id").param("id", chorusId).update();
    }
}
