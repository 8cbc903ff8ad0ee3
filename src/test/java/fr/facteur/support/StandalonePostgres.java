package fr.facteur.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of Debian's {@code postgresql} package (not the embedded library), as
 * production runs it: {@code initdb} in a fresh directory and {@code pg_ctl} on a free port, with a
 * database {@code facteur} owned by {@value #OWNER} (who migrates) and a login {@value #APP} (who
 * runs). Over TCP every role gives its password (scram-sha-256), as in the postgres image. As root the server runs as the {@code postgres} system user, as PostgreSQL requires.
 */
public final class StandalonePostgres implements AutoCloseable {

    public static final String OWNER = "facteur_owner";
    public static final String OWNER_PASSWORD = "owner-secret-1";
    public static final String APP = "facteur_node";
    public static final String APP_PASSWORD = "node-secret-1";
    public static final String SUPERUSER_PASSWORD = "postgres-secret-1";

    private final Path bin;
    private final Path data;
    private final int port;

    private StandalonePostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** The newest server of {@code /usr/lib/postgresql/<version>/bin}, or why there is none. */
    public static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("pg_ctl")))
                    .max(Comparator.comparing(candidate -> Integer.parseInt(
                            candidate.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException(
                            "Debian's postgresql package is missing (apt-get install -y postgresql; .ci/run does it)"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot look for PostgreSQL in " + root, e);
        }
    }

    /** A server with the database {@code facteur} and its two roles ready. */
    public static StandalonePostgres start() throws IOException, InterruptedException {
        StandalonePostgres server = startEmpty();
        server.createRoles();
        return server;
    }

    /** A fresh server with nothing but its superuser {@code postgres} (no password, trust on loopback). */
    public static StandalonePostgres startEmpty() throws IOException, InterruptedException {
        Path bin = binaries();
        Path data = Files.createTempDirectory("facteur-pg-");
        int port = KeycloakServer.freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres:postgres", data.toString()), false);
        }
        Path cluster = data.resolve("cluster");
        Path passwordFile = data.resolve("superuser-password");
        Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n");
        if (root) {
            run(List.of("chown", "postgres:postgres", passwordFile.toString()), false);
        }
        // as the postgres image: passwords over TCP, trust only on the server's own socket
        run(List.of(bin.resolve("initdb").toString(), "-D", cluster.toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile,
                "-E", "UTF8", "--locale=C", "--no-sync"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-l", data.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + data + " -c listen_addresses=localhost -c max_connections=200"
                        + " -c fsync=off -c synchronous_commit=off",
                "-w", "-t", "60", "start"), root);
        return new StandalonePostgres(bin, data, port);
    }

    private void createRoles() {
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", SUPERUSER_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
            statement.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            statement.execute("CREATE DATABASE facteur OWNER " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database: " + e.getMessage(), e);
        }
    }

    /** The directory of the server's Unix socket (PGHOST for psql as the superuser, trusted there). */
    public Path socketDirectory() {
        return data;
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A connection to the facteur database as the server's superuser, for the tests' checks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url("facteur"), "postgres", SUPERUSER_PASSWORD);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("cluster").toString(), "-m", "immediate", "-w",
                "stop"), root);
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
    }
}
