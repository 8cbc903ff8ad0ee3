package fr.facteur.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL server started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory  where the server keeps its data; empty means a fresh throwaway directory
 *                       (what tests use), otherwise the data survives restarts
 * @param port           TCP port on the loopback interface; 0 picks a free one
 * @param appPassword    the password of the application's role {@code facteur_app}; empty: a new
 *                       random one at every start (nothing else connects as that role)
 * @param serverSettings more settings of the server, as in {@code postgresql.conf} (e.g.
 *                       {@code shared_preload_libraries: pg_stat_statements} to count statements);
 *                       given after Facteur's own, they win over them
 */
@ConfigurationProperties(prefix = "facteur.database.embedded")
public record EmbeddedDatabaseProperties(String dataDirectory, int port, String appPassword,
                                         Map<String, String> serverSettings) {

    public EmbeddedDatabaseProperties {
        serverSettings = serverSettings == null ? Map.of() : Map.copyOf(serverSettings);
    }
}
