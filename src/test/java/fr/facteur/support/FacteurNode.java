package fr.facteur.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A Facteur node in a JVM of its own ({@code java -cp <the tests' class path>
 * fr.facteur.FacteurApplication}), as an operator starts one: its own port, arguments and
 * environment, its output in {@code target/nodes/<name>.log}. It can be stopped as systemd does
 * (SIGTERM) or killed as the OOM killer does (SIGKILL, no shutdown hook runs).
 */
public final class FacteurNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private FacteurNode(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node (does not wait for it): {@code arguments} are Spring properties given on the
     * command line, {@code environment} is added to this JVM's.
     */
    public static FacteurNode start(String name, int port, Map<String, String> arguments, Map<String, String> environment)
            throws IOException {
        Path log = Path.of("target", "nodes", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx448m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-cp", classPath(), "fr.facteur.FacteurApplication", "--server.port=" + port));
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.environment().putAll(environment);
        return new FacteurNode(name, port, builder.start(), log);
    }

    /** The tests' class path: surefire hides it in its booter jar's manifest. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            // an empty entry would mean the working directory: processes/ and forms/ found twice
            return Arrays.stream(surefire.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                    .collect(Collectors.joining(File.pathSeparator));
        }
        String own = System.getProperty("java.class.path");
        if (!own.contains(File.pathSeparator) && own.endsWith(".jar")) {
            try (JarFile jar = new JarFile(own)) {
                Manifest manifest = jar.getManifest();
                String entries = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (entries != null) {
                    List<String> paths = new ArrayList<>();
                    for (String entry : entries.trim().split("\\s+")) {
                        paths.add(Path.of(URI.create(entry.startsWith("file:") ? entry : "file:" + entry)).toString());
                    }
                    return String.join(File.pathSeparator, paths);
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the class path of " + own, e);
            }
        }
        return own;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code path} answers 200 (e.g. a health group), failing with the log's end if the node died. */
    public void awaitUp(String path, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + name + " stopped while starting:\n" + tail(80));
            }
            try {
                last = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Node " + name + ": " + path + " not 200 within " + timeout + " (last " + last
                + "):\n" + tail(80));
    }

    /** A request as a demo user (Basic, password = user name). */
    public HttpResponse<String> send(String method, String path, String json, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, as the OOM killer or a power cut: nothing of the node's shutdown runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait, as a service manager stops it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
