package fr.facteur.benchmark;

import static fr.facteur.benchmark.BenchmarkProbes.residentMegabytes;
import static fr.facteur.benchmark.BenchmarkProbes.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.benchmark.BenchmarkProbes.CpuTime;
import fr.facteur.benchmark.BenchmarkProbes.DatabaseWork;
import java.nio.file.Files;
import java.nio.file.Path;
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
        BenchmarkProbes probes = new BenchmarkProbes(jdbc);
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
        DatabaseWork trivialBefore = probes.databaseWork();
        CpuTime trivialCpuBefore = probes.cpuTime();
        double baselineBefore = trivialStartsPerSecond(invoices);
        CpuTime cpuPerTrivial = probes.cpuTime().minus(trivialCpuBefore).per(invoices);
        DatabaseWork perTrivial = probes.databaseWork().minus(trivialBefore).per(invoices);

        DatabaseWork releveBefore = probes.databaseWork();
        long waitingBefore = waitingAtValidation();
        CpuTime releveCpuBefore = probes.cpuTime();
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
        CpuTime cpuPerInvoice = probes.cpuTime().minus(releveCpuBefore).per(invoices);
        double releveRate = invoices / releveSeconds;
        DatabaseWork perInvoice = probes.databaseWork().minus(releveBefore).per(invoices);

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

    private long waitingAtValidation() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_ValidateInvoice")
                .processInstanceBusinessKeyLike("CHORUS:%").count();
    }
}
