package fr.facteur.capture;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How far each recipient structure has been read. */
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
}
