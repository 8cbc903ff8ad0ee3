package fr.facteur.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run's embedded PostgreSQL survives what kills a JVM: a server left running on the
 * data directory (the JVM was killed, the server is detached) is stopped and the start goes on;
 * a server killed with SIGKILL recovers every committed row; the persistent server is durable.
 */
class EmbeddedPostgresRecoveryTest {

    @TempDir
    Path data;

    @Test
    void aServerLeftBehindIsStoppedAndAKilledOneLosesNothingCommitted() throws Exception {
        EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(data.toString(), 0, null, null);

        // first run: durable settings, one committed row, then the JVM "dies": the server is never closed
        EmbeddedPostgres first = EmbeddedPostgresConfiguration.start(properties);
        try (Connection connection = first.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            statement.execute("CREATE TABLE facture (numero TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO facture VALUES ('F-1')");
        }
        releaseTheLibrarysFileLock(first); // the operating system does it when a JVM dies
        long leftBehind = pid();
        assertThat(ProcessHandle.of(leftBehind)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        // second run on the same data: the old server is stopped, the new one starts and has the row
        EmbeddedPostgres second = EmbeddedPostgresConfiguration.start(properties);
        assertThat(ProcessHandle.of(leftBehind).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        try (Connection connection = second.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(count(statement)).isEqualTo(1);
            statement.execute("INSERT INTO facture VALUES ('F-2')");
        }

        // a power cut, as far as PostgreSQL can tell: SIGKILL of the JVM and of the server, no shutdown checkpoint
        releaseTheLibrarysFileLock(second);
        long killed = pid();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        ProcessHandle.of(killed).ifPresent(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());

        EmbeddedPostgres third = EmbeddedPostgresConfiguration.start(properties);
        try (Connection connection = third.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(count(statement)).isEqualTo(2);
        } finally {
            third.close();
        }
        // a clean stop leaves no server behind
        assertThat(Files.exists(data.resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void aThrowawayServerKeepsTheFastTestSettings() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgresConfiguration.start(new EmbeddedDatabaseProperties("", 0, null, null));
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("off");
        }
    }

    private static void releaseTheLibrarysFileLock(EmbeddedPostgres postgres) throws Exception {
        var lock = EmbeddedPostgres.class.getDeclaredField("lock");
        lock.setAccessible(true);
        ((java.nio.channels.FileLock) lock.get(postgres)).release();
        var stream = EmbeddedPostgres.class.getDeclaredField("lockStream");
        stream.setAccessible(true);
        ((java.io.FileOutputStream) stream.get(postgres)).close();
    }

    private long pid() throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static long count(Statement statement) throws Exception {
        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM facture")) {
            result.next();
            return result.getLong(1);
        }
    }

}
