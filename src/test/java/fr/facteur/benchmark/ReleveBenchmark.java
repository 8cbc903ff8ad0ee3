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
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Relève throughput against the engine's own baseline (not part of {@code verify}; run it with
 * the command in the README). Seeds N invoices in the emulator, runs one relève and measures
 * invoices per second until N reception processes wait at validation; in the same JVM and on the
 * same database, measures how fast the engine starts a trivial process (start → end). Prints
 * both, their ratio, the database work and the CPU time behind one of each (PostgreSQL's own
 * counters, {@code /proc} for the JVM and the PostgreSQL processes) and the JVM's
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
        CpuTime trivialCpuBefore = cpuTime();
        double baselineBefore = trivialStartsPerSecond(invoices);
        CpuTime cpuPerTrivial = cpuTime().minus(trivialCpuBefore).per(invoices);
        DatabaseWork perTrivial = databaseWork().minus(trivialBefore).per(invoices);

        DatabaseWork releveBefore = databaseWork();
        long waitingBefore = waitingAtValidation();
        CpuTime releveCpuBefore = cpuTime();
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
        CpuTime cpuPerInvoice = cpuTime().minus(releveCpuBefore).per(invoices);
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
                "CPU time per invoice of the relève: " + cpuPerInvoice + "; per trivial start: " + cpuPerTrivial
                        + " (" + Runtime.getRuntime().availableProcessors() + " cores)",
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

    /** CPU seconds used by this JVM and by the PostgreSQL server's processes (cumulative, from /proc). */
    private record CpuTime(double jvm, double database) {

        CpuTime minus(CpuTime before) {
            return new CpuTime(jvm - before.jvm, database - before.database);
        }

        CpuTime per(int count) {
            return new CpuTime(jvm / count, database / count);
        }

        @Override
        public String toString() {
            return Double.isNaN(database)
                    ? String.format(Locale.ROOT, "JVM %.2f ms (PostgreSQL not on this machine)", jvm * 1000)
                    : String.format(Locale.ROOT, "JVM %.2f ms + PostgreSQL %.2f ms", jvm * 1000, database * 1000);
        }
    }

    /**
     * This JVM's CPU time and that of the PostgreSQL server (its postmaster, found through
     * {@code postmaster.pid} in its data directory, and the backends it started, live or ended).
     */
    private CpuTime cpuTime() throws IOException {
        double jvm = cpuSeconds(Path.of("/proc/self/stat"), false);
        double database = Double.NaN;
        Path pidFile = postmasterPidFile();
        if (pidFile != null && Files.isReadable(pidFile)) {
            String postmaster = Files.readAllLines(pidFile).get(0).trim();
            database = cpuSeconds(Path.of("/proc", postmaster, "stat"), true);
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if (Files.readAllLines(process.resolve("status")).stream()
                                .anyMatch(line -> line.equals("PPid:\t" + postmaster))) {
                            database += cpuSeconds(process.resolve("stat"), false);
                        }
                    } catch (IOException ended) {
                        // a backend that ended meanwhile: its time is in the postmaster's children time
                    }
                }
            }
        }
        return new CpuTime(jvm, database);
    }

    /** Where the server keeps its postmaster's pid, or null when this user may not see its settings. */
    private Path postmasterPidFile() {
        try {
            return Path.of(jdbc.sql("SHOW data_directory").query(String.class).single(), "postmaster.pid");
        } catch (DataAccessException notAllowed) {
            return null;
        }
    }

    /**
     * User + system time of a process ({@code proc(5)} fields 14–15, and 16–17 for ended children),
     * in clock ticks of 1/100 s (Linux's USER_HZ).
     */
    private static double cpuSeconds(Path stat, boolean withEndedChildren) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withEndedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / 100.0;
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
