package fr.facteur.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL server started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the server keeps its data; empty means a fresh throwaway directory
 *                      (what tests use), otherwise the data survives restarts
 * @param port          TCP port on the loopback interface; 0 picks a free one
 * @param appPassword   the password of the application's role {@code facteur_app}; empty: a new
 *                      random one at every start (nothing else connects as that role)
 */
@ConfigurationProperties(prefix = "facteur.database.embedded")
public record EmbeddedDatabaseProperties(String dataDirectory, int port, String appPassword) {
}
