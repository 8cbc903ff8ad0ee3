package fr.facteur.benchmark;

import static fr.facteur.benchmark.BenchmarkProbes.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * The database work behind one received invoice (not part of {@code verify}; command in
 * docs/benchmarks.md): a relève of N invoices from the emulator until every reception process
 * waits at validation, counted by PostgreSQL's {@code pg_stat_statements} (top-level statements of
 * the application's role; the emulator's own SQL, on schema {@code chorus_emulator}, is Chorus Pro's
 * work and is left out) and {@code pg_stat_database} (commits). Deterministic: the figures do not
 * depend on the machine's speed, only the few periodic polls of the idle engine do (reported apart).
 * Writes {@code target/benchmark/work-per-invoice.txt}, with the statements that weigh most.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "facteur.chorus.emulator.max-page-size=100",
    // the default run's polling, not the tests' fast one: the job executor's idle wait (Camunda's
    // defaults) and the OCR worker's
    "camunda.bpm.job-execution.wait-time-in-millis=5000",
    "camunda.bpm.job-execution.max-wait=60000",
    "facteur.extraction.worker.poll-interval=PT1S",
    "facteur.database.embedded.server-settings.shared_preload_libraries=pg_stat_statements",
    "facteur.database.embedded.server-settings.[pg_stat_statements.track]=top",
    "facteur.database.embedded.server-settings.[pg_stat_statements.track_utility]=on",
    "facteur.database.embedded.server-settings.[pg_stat_statements.max]=10000",
})
@ActiveProfiles("test")
class WorkPerInvoiceBenchmark {

    /** What the application ran: statements (the emulator's left out), transactions committed, rows. */
    private record Work(long statements, long commits, long rollbacks, long rows, List<String> top) {
    }

    /** Counts the transactions at the JDBC level. */
    @TestConfiguration
    static class Counting {
        @Bean
        static TransactionCounter transactionCounter() {
            return new TransactionCounter();
        }
    }

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private EmbeddedPostgres postgres;
    @Autowired
    private TransactionCounter transactions;

    @Test
    void statementsAndCommitsPerReceivedInvoice() throws Exception {
        int invoices = Integer.getInteger("benchmark.invoices", 300);
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        try (Connection monitor = postgres.getPostgresDatabase().getConnection();
             Statement sql = monitor.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // the first relève fills the engine's caches (definitions, decision tables): not counted
            seedInEmulator(demo, 20);
            releve(demo, sql, 20);

            seedInEmulator(demo, invoices);
            Thread.sleep(2000);
            transactions.origins.clear();
            Counts before = counts();
            sql.execute("SELECT pg_stat_statements_reset()");
            long start = System.nanoTime();
            releve(demo, sql, invoices);
            double releveSeconds = seconds(start);
            Counts releveCounts = counts().minus(before);
            Work work = work(sql, releveCounts);

            Map<String, Long> origins = new java.util.TreeMap<>();
            transactions.origins.forEach((origin, count) -> origins.put(origin, count.get()));
            // the same time idle: the periodic polls (job acquisition, cluster heartbeat) in those figures
            Counts idleBefore = counts();
            sql.execute("SELECT pg_stat_statements_reset()");
            Thread.sleep((long) (releveSeconds * 1000));
            Work idle = work(sql, counts().minus(idleBefore));

            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "relève of %d invoices until all wait at validation: %.1f s",
                    invoices, releveSeconds));
            report.add(String.format(Locale.ROOT, "per invoice: %.1f statements, %.2f commits, %.2f rollbacks, %.1f "
                            + "rows (targets <= 90 statements, <= 2 commits)", (double) work.statements() / invoices,
                    (double) work.commits() / invoices, (double) work.rollbacks() / invoices,
                    (double) work.rows() / invoices));
            report.add(String.format(Locale.ROOT, "transactions per invoice: %.2f committed (BEGIN … COMMIT), %.2f "
                            + "statements in auto-commit; the emulator's, left out: %.2f and %.2f",
                    (double) releveCounts.commits() / invoices, (double) releveCounts.autoCommits() / invoices,
                    (double) releveCounts.emulatorCommits() / invoices,
                    (double) releveCounts.emulatorAutoCommits() / invoices));
            report.add(String.format(Locale.ROOT, "of which periodic (the same time idle): %.1f statements, %.2f commits "
                    + "per invoice", (double) idle.statements() / invoices, (double) idle.commits() / invoices));
            report.add(String.format(Locale.ROOT, "per invoice without the periodic polls: %.1f statements, %.2f commits",
                    (double) (work.statements() - idle.statements()) / invoices,
                    (double) (work.commits() - idle.commits()) / invoices));
            report.add("transactions by where they were committed from (our classes and the engine's commands "
                    + "on the stack, innermost first):");
            origins.forEach((origin, count) -> report.add(String.format(Locale.ROOT, "  %.2f per invoice: %s",
                    (double) count / invoices, origin)));
            report.add("statements by weight (calls per invoice, rows per invoice, statement):");
            for (String line : work.top()) {
                report.add("  " + line);
            }
            report.forEach(line -> System.out.println("BENCHMARK " + line));
            Path out = Path.of("target", "benchmark", "work-per-invoice.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report.stream().map(line -> line.replace("%%", "%")).toList());
        }
    }

    private static void seedInEmulator(TestRestTemplate demo, int count) {
        for (int created = 0; created < count; created += 500) {
            assertThat(demo.postForEntity("/emulator/control/invoices",
                    Map.of("count", Math.min(500, count - created), "facturX", false), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }
    }

    /** Runs a relève of the invoices seeded and waits until they wait at validation, every job done. */
    private static void releve(TestRestTemplate demo, Statement sql, int count) throws Exception {
        long target = waiting(sql) + count;
        assertThat(demo.postForEntity("/api/chorus/releve", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        long start = System.nanoTime();
        while (waiting(sql) < target || runnableJobs(sql) > 0) {
            if (seconds(start) > 900) {
                throw new AssertionError("relève still running after 15 minutes: " + waiting(sql) + " of " + target);
            }
            Thread.sleep(200);
        }
    }

    /** The transactions counted so far. */
    private record Counts(long commits, long autoCommits, long rollbacks, long emulatorCommits,
                          long emulatorAutoCommits) {
        Counts minus(Counts before) {
            return new Counts(commits - before.commits, autoCommits - before.autoCommits, rollbacks - before.rollbacks,
                    emulatorCommits - before.emulatorCommits, emulatorAutoCommits - before.emulatorAutoCommits);
        }
    }

    private Counts counts() {
        return new Counts(transactions.commits.get(), transactions.autoCommits.get(), transactions.rollbacks.get(),
                transactions.emulatorCommits.get(), transactions.emulatorAutoCommits.get());
    }

    private static long waiting(Statement sql) throws SQLException {
        return single(sql, "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'Task_ValidateInvoice'");
    }

    private static long runnableJobs(Statement sql) throws SQLException {
        return single(sql, "SELECT count(*) FROM act_ru_job WHERE retries_ > 0 AND (duedate_ IS NULL OR duedate_ <= now())");
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The application role's statements since the last reset, without the emulator's and without
     * BEGIN and COMMIT, which are counted from the transactions the application committed or rolled back
     * (the emulator's run on the same role).
     */
    private static Work work(Statement sql, Counts counts) throws SQLException {
        long statements = 2 * (counts.commits() + counts.rollbacks());
        long rows = 0;
        List<String> top = new ArrayList<>();
        try (ResultSet result = sql.executeQuery("""
                SELECT s.calls, s.rows, s.query FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                WHERE r.rolname = 'facteur_app' AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY s.calls DESC""")) {
            while (result.next()) {
                long calls = result.getLong(1);
                String query = result.getString(3).replaceAll("\\s+", " ").trim();
                if (query.contains("chorus_emulator") || query.matches("(?i)(BEGIN|COMMIT|ROLLBACK)")) {
                    continue;
                }
                statements += calls;
                rows += result.getLong(2);
                if (top.size() < 60) {
                    top.add(String.format(Locale.ROOT, "%d calls, %d rows: %s", calls, result.getLong(2),
                            query.length() > 160 ? query.substring(0, 160) + "…" : query));
                }
            }
        }
        return new Work(statements, counts.commits() + counts.autoCommits(), counts.rollbacks(), rows, top);
    }
}
