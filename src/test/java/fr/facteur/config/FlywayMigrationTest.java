package fr.facteur.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.support.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Our schema from an empty PostgreSQL database, with the constraints the code relies on. */
class FlywayMigrationTest {

    @Test
    void migratesAnEmptyDatabaseOnceAndEnforcesTheNaturalKey() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.newDatabase(), "postgres", "");
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas("facteur")
                .defaultSchema("facteur")
                .locations("classpath:db/migration")
                .load();

        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isPositive();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.migrate().migrationsExecuted).isZero();

        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'facteur' AND table_name <> 'flyway_schema_history' ORDER BY table_name""")
                .query(String.class).list();
        assertThat(tables).contains("chorus_releve_watermark", "document", "invoice",
                "invoice_chorus_status_history", "invoice_document", "invoice_status_history", "purchase_order");

        String insert = "INSERT INTO facteur.invoice (direction, channel, external_key, status) "
                + "VALUES ('RECEIVED', 'UPLOAD', 'SHA256:same', 'RECEIVED')";
        jdbc.sql(insert).update();
        assertThatThrownBy(() -> jdbc.sql(insert).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO facteur.invoice (direction, channel, external_key, status) "
                + "VALUES ('SIDEWAYS', 'UPLOAD', 'k2', 'RECEIVED')").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
