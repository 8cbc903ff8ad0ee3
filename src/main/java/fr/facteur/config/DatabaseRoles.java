package fr.facteur.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Least privilege in the database: Flyway migrates as the owner of the schemas (our tables and
 * Camunda's, see {@code V11__Camunda_schema}); the application runs as another role that may read
 * and write the rows but owns no table, so it can neither alter a table nor disable a trigger (the
 * append-only audit trail), and may only add to the audit tables. After every migration the owner
 * grants that role what it needs. When both are the same role (a single-user setup), nothing is
 * granted and the README says how to separate them.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseRoles {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);
    static final String SCHEMAS = "public, facteur, chorus_emulator";
    static final String APPEND_ONLY = "facteur.invoice_audit, facteur.purchase_order_change";

    @Bean
    FlywayMigrationStrategy migrateThenGrant(DataSource application) {
        return flyway -> {
            flyway.migrate();
            grant(flyway, application);
        };
    }

    static void grant(Flyway flyway, DataSource application) {
        try (Connection owner = flyway.getConfiguration().getDataSource().getConnection();
             Connection app = application.getConnection();
             Statement statement = owner.createStatement()) {
            String ownerName = owner.getMetaData().getUserName();
            String appName = app.getMetaData().getUserName();
            if (ownerName.equals(appName)) {
                log.warn("The application connects to PostgreSQL as '{}', the owner of its tables: it could alter them "
                        + "and bypass the append-only audit trail (set spring.flyway.user to the owner and "
                        + "spring.datasource.username to another role, see README)", appName);
                return;
            }
            String role = "\"" + appName.replace("\"", "\"\"") + "\"";
            statement.execute("GRANT USAGE ON SCHEMA " + SCHEMAS + " TO " + role);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + SCHEMAS + " TO " + role);
            statement.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + SCHEMAS + " TO " + role);
            statement.execute("REVOKE UPDATE, DELETE, TRUNCATE ON " + APPEND_ONLY + " FROM " + role);
            log.info("PostgreSQL: tables owned by '{}', the application runs as '{}' (rows only, audit in append only)",
                    ownerName, appName);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot grant the application's role its rights: " + e.getMessage(), e);
        }
    }
}
