package fr.facteur.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("facteur");
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }
}
