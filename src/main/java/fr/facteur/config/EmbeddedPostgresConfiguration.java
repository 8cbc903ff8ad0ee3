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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
    private static final String HBA_MARKER = "# facteur: the application's role gives its password";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, Environment environment)
            throws IOException {
        if (environment.matchesProfiles("prod")) {
            throw new IllegalStateException(
                    "The prod profile needs a real PostgreSQL server: set spring.datasource.url (and username/password)");
        }
        return start(properties);
    }

    /**
     * Starts the server. With a data directory (the default run) it is durable — fsync and
     * synchronous commit on, whatever the library's test defaults — and a server left running on
     * that directory by a run that died (kill -9, out of memory: the server is detached from the
     * JVM) is stopped first, so that the start never waits on it. Without one (tests), a throwaway
     * server keeps the fast settings.
     */
    static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) throws IOException {
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
            stopServerLeftBehind(dataDir);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false)
                    // acknowledged means on disk: a power cut loses nothing that was answered
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            log.info("Starting embedded PostgreSQL with data in {}", dataDir);
        } else {
            log.info("Starting embedded PostgreSQL on a throwaway data directory");
        }
        properties.serverSettings().forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = startWithRetries(builder, dir != null && !dir.isBlank() ? 3 : 1);
        log.info("Embedded PostgreSQL listening on port {}", postgres.getPort());
        return postgres;
    }

    /**
     * After a server was killed, its last processes may hold its shared memory for a moment and
     * PostgreSQL refuses to start over them: try again a few times.
     */
    private static EmbeddedPostgres startWithRetries(EmbeddedPostgres.Builder builder, int attempts) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException | RuntimeException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.warn("Embedded PostgreSQL did not start ({}); trying again in 2 s", e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A server whose {@code postmaster.pid} names a live process is still running on our data
     * (its JVM died without stopping it): stop it (SIGTERM, its clients are gone), or kill it if it
     * does not stop within a minute (the next start then recovers from its write-ahead log). A pid
     * file whose process is gone is PostgreSQL's own business: it starts over it.
     */
    static void stopServerLeftBehind(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(true));
        if (server.isEmpty()) {
            return;
        }
        log.warn("An embedded PostgreSQL server (pid {}) left by a run that did not stop is still running on {}: "
                + "stopping it before starting", server.get().pid(), dataDir);
        server.get().destroy();
        try {
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("PostgreSQL (pid {}) did not stop within a minute: killed; it recovers at the next start",
                    server.get().pid());
            server.get().destroyForcibly();
            server.get().onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the PostgreSQL server left behind", e);
        } catch (ExecutionException e) {
            throw new IOException("Cannot stop the PostgreSQL server left behind", e);
        }
    }

    /**
     * The application's pool, as {@value #APP_ROLE}: a role that owns nothing (see
     * {@link DatabaseRoles}) and must give its password, a new random one at every start unless
     * {@code facteur.database.embedded.app-password} sets one. The pool takes the same
     * {@code spring.datasource.hikari.*} settings as on a real server (connection-init-sql among them).
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) throws SQLException {
        String password = properties.appPassword() == null || properties.appPassword().isBlank()
                ? randomPassword() : properties.appPassword();
        createApplicationRole(postgres, password);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(APP_ROLE, "postgres"));
        dataSource.setUsername(APP_ROLE);
        dataSource.setPassword(password);
        dataSource.setPoolName("facteur");
        dataSource.setMaximumPoolSize(20);
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
