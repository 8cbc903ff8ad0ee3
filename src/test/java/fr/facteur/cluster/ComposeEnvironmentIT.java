package fr.facteur.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.ComposeFile;
import fr.facteur.support.FacteurNode;
import fr.facteur.support.KeycloakServer;
import fr.facteur.support.StandalonePostgres;
import fr.facteur.support.TestDocuments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} without Docker (none runs on these machines): each Facteur service
 * is started with exactly the environment the compose file gives it, its variables taken from
 * {@code docker/.env.example}, against a real PostgreSQL prepared by the stack's own
 * {@code docker/postgres/init-facteur.sh} and a real Keycloak with the stack's realm. Only the
 * host names of the compose network are replaced by this machine's ports (and the HTTP port, given
 * on the command line). Chorus Pro is the PISTE sandbox of the example, unreachable here: the nodes
 * must live and be ready all the same. Runs with the Keycloak tests (tag {@code keycloak}).
 */
@Tag("keycloak")
class ComposeEnvironmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COMPOSE = Path.of("docker", "compose.yaml");
    private static final Path ENV_EXAMPLE = Path.of("docker", ".env.example");

    @Test
    void theComposeFileRefusesToStartWithoutItsSecrets() throws Exception {
        Map<String, String> variables = ComposeFile.envFile(ENV_EXAMPLE);
        variables.remove("FACTEUR_CHORUS_CLIENT_SECRET");
        ComposeFile compose = ComposeFile.read(COMPOSE, variables);
        assertThatThrownBy(() -> compose.environment("app-1")).hasMessageContaining("FACTEUR_CHORUS_CLIENT_SECRET");
        ComposeFile complete = ComposeFile.read(COMPOSE, ComposeFile.envFile(ENV_EXAMPLE));
        assertThat(complete.serviceNames()).contains("postgres", "keycloak", "app-1", "app-2", "proxy", "ocr-worker");
        for (String service : complete.serviceNames()) {
            complete.environment(service).forEach((name, value) -> assertThat(value).as(service + " " + name)
                    .doesNotContain("${"));
        }
        assertThat(complete.get("keycloak", "command").toString()).as("Keycloak in production mode")
                .contains("start").doesNotContain("start-dev");
    }

    @Test
    void eachServiceStartsWithTheEnvironmentComposeGivesIt() throws Exception {
        int keycloakPort = KeycloakServer.freePort();
        Map<String, String> variables = ComposeFile.envFile(ENV_EXAMPLE);
        variables.put("FACTEUR_KEYCLOAK_PUBLIC_URL", "http://localhost:" + keycloakPort);
        ComposeFile compose = ComposeFile.read(COMPOSE, variables);

        try (StandalonePostgres postgres = StandalonePostgres.startEmpty();
             KeycloakServer keycloak = KeycloakServer.start(keycloakPort)) {
            initialiseDatabase(postgres, compose.environment("postgres"));
            Map<String, String> hosts = Map.of(
                    "postgres:5432", "localhost:" + postgres.port(),
                    "keycloak:8180", "localhost:" + keycloakPort);

            int appPort = KeycloakServer.freePort();
            Map<String, String> appEnvironment = onThisMachine(compose.environment("app-1"), hosts);
            assertThat(appEnvironment).containsEntry("SPRING_PROFILES_ACTIVE", "prod,keycloak")
                    .containsEntry("FACTEUR_CHORUS_API_URL", "https://sandbox-api.piste.gouv.fr");
            try (FacteurNode app = FacteurNode.start("compose-app-1", appPort, Map.of(), appEnvironment)) {
                app.awaitUp("/actuator/health/liveness", Duration.ofMinutes(4));
                app.awaitUp("/actuator/health/readiness", Duration.ofMinutes(1));

                String demo = keycloak.userToken("demo");
                JsonNode health = JSON.readTree(get(app, "/actuator/health", demo).body());
                assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
                assertThat(health.at("/components/keycloak/status").asText()).isEqualTo("UP");
                assertThat(health.at("/components/chorusPro/status").asText()).as("reported, not required")
                        .isEqualTo("DOWN");
                assertThat(get(app, "/api/invoices", keycloak.userToken("valideur")).statusCode()).isEqualTo(200);
                try (Connection connection = postgres.connect()) {
                    assertThat(strings(connection, "SELECT DISTINCT tableowner FROM pg_tables"
                            + " WHERE schemaname IN ('public', 'facteur')")).containsExactly("facteur_owner");
                    assertThat(strings(connection, "SELECT DISTINCT usename FROM pg_stat_activity"
                            + " WHERE datname = 'facteur' AND usename <> 'postgres'")).containsExactly("facteur_app");
                }

                // the node leaves documents to the OCR workers: one reads this upload
                Map<String, String> workerEnvironment = onThisMachine(compose.environment("ocr-worker"),
                        Map.of("keycloak:8180", "localhost:" + keycloakPort, "proxy:8080", "localhost:" + appPort));
                try (FacteurNode worker = FacteurNode.start("compose-ocr-worker", KeycloakServer.freePort(), Map.of(),
                        workerEnvironment)) {
                    long id = upload(app, demo, TestDocuments.invoicePdf("F-COMPOSE-1"));
                    await().atMost(Duration.ofMinutes(2)).until(() -> {
                        assertThat(worker.isAlive()).as(worker.tail(40)).isTrue();
                        JsonNode invoice = JSON.readTree(get(app, "/api/invoices/" + id, demo).body());
                        return "F-COMPOSE-1".equals(invoice.path("invoiceNumber").asText());
                    });
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(worker.tail(400))
                            .as("read by the worker").containsPattern("Extraction task \\S+ \\(invoice " + id + "\\) done"));
                }
            }
        }
    }

    /** What {@code docker-entrypoint-initdb.d} does with the script: run it with the service's environment. */
    private static void initialiseDatabase(StandalonePostgres postgres, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("docker", "postgres", "init-facteur.sh").toString())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("PGHOST", postgres.socketDirectory().toString());
        builder.environment().put("PGPORT", String.valueOf(postgres.port()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Map<String, String> onThisMachine(Map<String, String> environment, Map<String, String> hosts) {
        Map<String, String> local = new HashMap<>();
        environment.forEach((name, value) -> {
            String mapped = value;
            for (Map.Entry<String, String> host : hosts.entrySet()) {
                mapped = mapped.replace("//" + host.getKey(), "//" + host.getValue());
            }
            local.put(name, mapped);
        });
        return local;
    }

    private static HttpResponse<String> get(FacteurNode node, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long upload(FacteurNode node, String token, byte[] pdf) throws Exception {
        String boundary = "facteur" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"compose.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/api/invoices"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, pdf, tail))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asLong();
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
