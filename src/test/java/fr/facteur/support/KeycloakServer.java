package fr.facteur.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server for the tests: the {@code keycloak-quarkus-dist} zip that Maven resolved
 * (system property {@code keycloak.dist.zip}), unpacked once under {@code ~/.cache/facteur} and
 * kept between runs, started in development mode on a given port with a fresh database and the
 * realm of {@code docker/keycloak/realm-facteur.json}.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "facteur";
    /** The staging realm's secrets (test realm only; production takes them from the environment). */
    public static final String WEB_SECRET = "facteur-web-staging-secret";
    public static final String IDENTITY_SECRET = "facteur-identity-staging-secret";
    public static final String WORKER_SECRET = "facteur-ocr-worker-staging-secret";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts Keycloak on {@code port} and returns once the realm answers. */
    public static KeycloakServer start(int port) throws IOException, InterruptedException {
        Path home = unpacked();
        Path data = home.resolve("data");
        deleteRecursively(data);
        Files.createDirectories(data.resolve("import"));
        Files.copy(Path.of("docker", "keycloak", "realm-facteur.json"), data.resolve("import").resolve("realm-facteur.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path log = Path.of("target", "keycloak.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        KeycloakServer server = new KeycloakServer(builder.start(), port, log);
        server.awaitRealm();
        return server;
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** An access token of a user of the realm (password grant of the web client; password = user name). */
    public String userToken(String user) throws IOException, InterruptedException {
        return token("facteur-web", WEB_SECRET, Map.of("grant_type", "password", "username", user, "password", user,
                "scope", "openid"));
    }

    /** An access token of a client's service account. */
    public String clientToken(String clientId, String secret) throws IOException, InterruptedException {
        return token(clientId, secret, Map.of("grant_type", "client_credentials"));
    }

    /** Calls the admin API of the realm as the bootstrap administrator. */
    public HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        String adminToken = json.readTree(post(URI.create("http://localhost:" + port
                + "/realms/master/protocol/openid-connect/token"), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin"), null).body()).path("access_token").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/realms/"
                        + REALM + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String clientId, String secret, Map<String, String> form) throws IOException, InterruptedException {
        HttpResponse<String> response = post(URI.create(tokenEndpoint()), form, clientId + ":" + secret);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + clientId + ": " + response.body());
        }
        return json.readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, String basic)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitRealm() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting:\n" + tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak not ready after " + START_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server unpacked in the cache, from the zip Maven resolved; unpacked on first use only. */
    private static synchronized Path unpacked() throws IOException {
        Path zip = Path.of(System.getProperty("keycloak.dist.zip", ""));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution not found: " + zip
                    + " (run the tests through Maven, which resolves org.keycloak:keycloak-quarkus-dist)");
        }
        String name = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "keycloak-").replace(".zip", "");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "facteur");
        Path home = cache.resolve(name);
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            return home;
        }
        Path partial = cache.resolve(name + ".unpacking");
        deleteRecursively(partial);
        Files.createDirectories(partial);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                // entries are "keycloak-26.5.6/..."; keep what follows the top folder
                String relative = entry.getName().substring(entry.getName().indexOf('/') + 1);
                Path target = partial.resolve(relative).normalize();
                if (!target.startsWith(partial) || relative.isEmpty()) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        Files.move(partial, home);
        return home;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
