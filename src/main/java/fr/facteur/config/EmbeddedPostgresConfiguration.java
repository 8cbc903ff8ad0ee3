package fr.facteur.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * PostgreSQL is our only database. When no {@code spring.datasource.url} is set (the default run
 * and the tests), a real PostgreSQL server is started from Maven artifacts; Camunda, Flyway and our
 * repositories then share its one DataSource and one transaction manager.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    /** The role the application connects as; the tables belong to {@code postgres}. */
    public static final String APP_ROLE = "facteur_app";
    /**
     * Camunda's queries pass permission masks as parameters ({@code PERMS_ & ? = ?}); a cached
     * generic plan cannot use the statistics on them (migration V12) and falls back to comparing
     * every task with every authorization. Plan each query with its values (as
     * {@code spring.datasource.hikari.connection-init-sql} does on a real server).
     */
    public static final String CUSTOM_PLANS = "SET plan_cache_mode = force_custom_plan";
    private static final String HBA_MARKER = "# facteur: the application's role gives its password";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, Environment environment)
            throws IOException {
        if (environment.matchesProfiles("prod")) {
            throw new IllegalStateException(
                    "The prod profile needs a real PostgreSQL server: set spring.datasource.url (and username/password)");
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // Spring stops the server, after the engine and the pool that still need it at shutdown.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC");
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        String dir = properties.dataDirectory();
        if (dir != null && !dir.isBlank()) {
            Path dataDir = Path.of(dir).toAbsolutePath();
            Files.createDirectories(dataDir);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            log.info("Starting embedded PostgreSQL with data in {}", dataDir);
        } else {
            log.info("Starting embedded PostgreSQL on a throwaway data directory");
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {}", postgres.getPort());
        return postgres;
    }

    /**
     * The application's pool, as {@value #APP_ROLE}: a role that owns nothing (see
     * {@link DatabaseRoles}) and must give its password, a new random one at every start unless
     * {@code facteur.database.embedded.app-password} sets one.
     */
    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) throws SQLException {
        String password = properties.appPassword() == null || properties.appPassword().isBlank()
                ? randomPassword() : properties.appPassword();
        createApplicationRole(postgres, password);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(APP_ROLE, "postgres"));
        dataSource.setUsername(APP_ROLE);
        dataSource.setPassword(password);
        dataSource.setPoolName("facteur");
        dataSource.setMaximumPoolSize(20);
        dataSource.setConnectionInitSql(CUSTOM_PLANS);
        return dataSource;
    }

    /** Flyway migrates as the server's owner ({@code postgres}), not as the application's role. */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(EmbeddedPostgres postgres) {
        return configuration -> configuration.dataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /**
     * Creates (or updates) the application's login role and makes the server ask it for its password
     * (scram-sha-256) on every connection, ahead of the library's trust rules.
     */
    static void createApplicationRole(EmbeddedPostgres postgres, String password) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
                      END IF;
                    END $$""".formatted(APP_ROLE));
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + APP_ROLE + " WITH PASSWORD '" + password.replace("'", "''") + "'");
            Path hba;
            try (var result = statement.executeQuery("SHOW hba_file")) {
                result.next();
                hba = Path.of(result.getString(1));
            }
            String rules = Files.readString(hba);
            if (!rules.contains(HBA_MARKER)) {
                Files.writeString(hba, HBA_MARKER + "\n"
                        + "host all " + APP_ROLE + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all " + APP_ROLE + " ::1/128 scram-sha-256\n"
                        + "local all " + APP_ROLE + " scram-sha-256\n" + rules);
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot require a password of the application's role", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
