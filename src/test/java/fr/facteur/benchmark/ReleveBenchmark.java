package fr.facteur.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Relève throughput against the engine's own baseline (not part of {@code verify}; run it with
 * the command in the README). Seeds N invoices in the emulator, runs one relève and measures
 * invoices per second until N reception processes wait at validation; in the same JVM and on the
 * same database, measures how fast the engine starts a trivial process (start → end). Prints
 * both, their ratio, the database work behind one of each (PostgreSQL's own counters) and the JVM's
 * resident memory at the end, and writes them to
 * {@code target/benchmark/releve.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "facteur.chorus.emulator.max-page-size=100",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500",
})
@ActiveProfiles("test")
class ReleveBenchmark {

    private static final String TRIVIAL = "BenchmarkTrivialProcess";

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private TaskService tasks;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void releveVersusTrivialProcessStarts() throws Exception {
        int invoices = Integer.getInteger("benchmark.invoices", 2000);
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");

        long seedStart = System.nanoTime();
        for (int created = 0; created < invoices; created += 500) {
            int batch = Math.min(500, invoices - created);
            assertThat(demo.postForEntity("/emulator/control/invoices",
                    Map.of("count", batch, "facturX", false), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        double seedSeconds = seconds(seedStart);

        BpmnModelInstance trivial = Bpmn.createExecutableProcess(TRIVIAL).camundaHistoryTimeToLive(1)
                .startEvent().endEvent().done();
        repository.createDeployment().addModelInstance(TRIVIAL + ".bpmn", trivial).deploy();
        DatabaseWork trivialBefore = databaseWork();
        double baselineBefore = trivialStartsPerSecond(invoices);
        DatabaseWork perTrivial = databaseWork().minus(trivialBefore).per(invoices);

        DatabaseWork releveBefore = databaseWork();
        long waitingBefore = waitingAtValidation();
        long start = System.nanoTime();
        assertThat(demo.postForEntity("/api/chorus/releve", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        long target = waitingBefore + invoices;
        while (waitingAtValidation() < target) {
            if (seconds(start) > 1800) {
                throw new AssertionError("relève still running after 30 minutes: " + waitingAtValidation() + " of "
                        + target);
            }
            Thread.sleep(200);
        }
        double releveSeconds = seconds(start);
        double releveRate = invoices / releveSeconds;
        DatabaseWork perInvoice = databaseWork().minus(releveBefore).per(invoices);

        double baselineAfter = trivialStartsPerSecond(invoices);
        double baseline = (baselineBefore + baselineAfter) / 2;
        long rssMb = residentMegabytes();

        List<String> report = List.of(
                String.format(Locale.ROOT, "invoices: %d (seeded in the emulator in %.1f s)", invoices, seedSeconds),
                String.format(Locale.ROOT, "relève until every reception process waits at validation: %.1f s, "
                        + "%.1f invoices/s", releveSeconds, releveRate),
                String.format(Locale.ROOT, "trivial process starts (same engine, same database): %.1f/s before, "
                        + "%.1f/s after, mean %.1f/s", baselineBefore, baselineAfter, baseline),
                String.format(Locale.ROOT, "ratio relève / trivial starts: %.3f (target >= 0.5)", releveRate / baseline),
                "database work per invoice of the relève: " + perInvoice + "; per trivial start: " + perTrivial,
                String.format(Locale.ROOT, "JVM resident memory at the end: %d MB (target <= 1024 MB)", rssMb));
        report.forEach(line -> System.out.println("BENCHMARK " + line));
        Path out = Path.of("target", "benchmark", "releve.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    private double trivialStartsPerSecond(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            runtime.startProcessInstanceByKey(TRIVIAL);
        }
        return count / seconds(start);
    }

    /** What PostgreSQL did on this database: commits and rows written and read (cumulative). */
    private record DatabaseWork(double commits, double inserted, double updated, double deleted, double read) {

        DatabaseWork minus(DatabaseWork before) {
            return new DatabaseWork(commits - before.commits, inserted - before.inserted, updated - before.updated,
                    deleted - before.deleted, read - before.read);
        }

        DatabaseWork per(int count) {
            return new DatabaseWork(commits / count, inserted / count, updated / count, deleted / count, read / count);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f commits, %.0f rows inserted, %.0f updated, %.0f deleted, %.0f read",
                    commits, inserted, updated, deleted, read);
        }
    }

    /** The database's counters, once the other sessions have flushed theirs (at most a second late). */
    private DatabaseWork databaseWork() throws InterruptedException {
        Thread.sleep(1500);
        return jdbc.sql("""
                        SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned + tup_fetched AS tup_read
                        FROM pg_stat_database WHERE datname = current_database()""")
                .query((rs, n) -> new DatabaseWork(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5)))
                .single();
    }

    private long waitingAtValidation() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_ValidateInvoice")
                .processInstanceBusinessKeyLike("CHORUS:%").count();
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }

    private static long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
