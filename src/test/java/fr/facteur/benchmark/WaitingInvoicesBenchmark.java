package fr.facteur.benchmark;

import static fr.facteur.benchmark.BenchmarkProbes.residentMegabytes;
import static fr.facteur.benchmark.BenchmarkProbes.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.benchmark.BenchmarkProbes.CpuTime;
import fr.facteur.benchmark.BenchmarkProbes.DatabaseWork;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Flat cost with invoices in flight (not part of {@code verify}; command in docs/benchmarks.md). A
 * large buyer has 100,000 invoices waiting in the circuit; what one more invoice costs must not grow
 * with them, and an idle node must stay idle. In one JVM and database: with {@code
 * benchmark.waiting.small} (1,000) invoices waiting, a relève of {@code benchmark.invoices} (300)
 * invoices until each waits at validation (CPU of the JVM and of PostgreSQL, commits and rows per
 * invoice), a minute of idleness (CPU), the managers' summary and overview pages (median time); then
 * the same with {@code benchmark.waiting} (100,000) waiting. Writes the figures and their ratios to
 * {@code target/benchmark/waiting.txt}.
 *
 * <p>The waiting invoices are seeded, not imported (a relève of 100,000 would take most of an hour):
 * for each, our invoice record with its status history (SQL, as the reception writes them) and a
 * process instance that holds what a real waiting invoice holds in the engine — a user task for
 * {@code valideurs} with its due date, candidate link and authorization, a payment-warning timer due
 * weeks ahead, 25 variables, full history.
 *
 * <p>{@code -Dbenchmark.without-acquisition-index=true} (in {@code argLine}) drops the job
 * acquisition's index first, to measure the engine as it was before migration V14.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "facteur.chorus.emulator.max-page-size=100",
})
@ActiveProfiles("test")
class WaitingInvoicesBenchmark {

    private static final String WAITING = "BenchmarkWaitingInvoice";
    private static final int PAGE_RUNS = 7;

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
    @Autowired
    private EmbeddedPostgres postgres;

    private final AtomicInteger seeded = new AtomicInteger();

    /** What was measured with a number of invoices waiting. */
    private record Figures(long waiting, CpuTime cpuPerInvoice, DatabaseWork workPerInvoice, double idleCoreShare,
                           double summaryMs, double overviewMs) {
    }

    @Test
    void costPerInvoiceStaysFlatWithInvoicesWaiting() throws Exception {
        int small = Integer.getInteger("benchmark.waiting.small", 1_000);
        int large = Integer.getInteger("benchmark.waiting", 100_000);
        int invoices = Integer.getInteger("benchmark.invoices", 300);
        BenchmarkProbes probes = new BenchmarkProbes(jdbc);
        if (Boolean.getBoolean("benchmark.without-acquisition-index")) {
            // the job acquisition as it was before migration V14, for comparison (as the tables' owner)
            try (Connection owner = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                 Statement statement = owner.createStatement()) {
                statement.execute("DROP INDEX public.facteur_idx_job_acquisition");
            }
        }
        BpmnModelInstance model = Bpmn.createExecutableProcess(WAITING).camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Validate").name("Valider la facture").camundaCandidateGroups("valideurs")
                .camundaDueDate("${due}")
                .boundaryEvent("Timer_PaymentWarning").cancelActivity(false).timerWithDate("${warnOn}")
                .endEvent()
                .moveToActivity("Task_Validate").endEvent()
                .done();
        repository.createDeployment().addModelInstance(WAITING + ".bpmn", model).deploy();

        // the first relève pays for the JVM's compilation and the engine's caches: not measured
        measure(probes, invoices, false);
        long seedStart = System.nanoTime();
        seed(small);
        double smallSeedSeconds = seconds(seedStart);
        Figures atSmall = measure(probes, invoices, true);
        seedStart = System.nanoTime();
        seed(large - seeded.get());
        double largeSeedSeconds = seconds(seedStart);
        Figures atLarge = measure(probes, invoices, true);

        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "seeded waiting invoices: %d in %.0f s, then %d in %.0f s", small,
                smallSeedSeconds, large - small, largeSeedSeconds));
        for (Figures figures : List.of(atSmall, atLarge)) {
            report.add(String.format(Locale.ROOT, "%,d waiting: relève of %d, per invoice CPU %s, database %s; idle "
                            + "node %.1f %% of one core; summary %.0f ms, overview %.0f ms", figures.waiting(), invoices,
                    figures.cpuPerInvoice(), figures.workPerInvoice(), figures.idleCoreShare(), figures.summaryMs(),
                    figures.overviewMs()));
        }
        report.add(String.format(Locale.ROOT, "ratios %,d / %,d waiting: CPU per invoice x%.2f (target <= 1.2), rows "
                        + "read per invoice x%.2f, commits per invoice x%.2f, summary x%.2f, overview x%.2f (targets <= 2)",
                atLarge.waiting(), atSmall.waiting(),
                atLarge.cpuPerInvoice().total() / atSmall.cpuPerInvoice().total(),
                atLarge.workPerInvoice().read() / atSmall.workPerInvoice().read(),
                atLarge.workPerInvoice().commits() / atSmall.workPerInvoice().commits(),
                atLarge.summaryMs() / atSmall.summaryMs(), atLarge.overviewMs() / atSmall.overviewMs()));
        report.add(String.format(Locale.ROOT, "idle node with %,d waiting: %.1f %% of one core (target <= 5 %%); "
                + "JVM resident memory at the end: %d MB", atLarge.waiting(), atLarge.idleCoreShare(), residentMegabytes()));
        report.forEach(line -> System.out.println("BENCHMARK " + line));
        Path out = Path.of("target", "benchmark", "waiting.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    /** A relève of {@code invoices}, then (when {@code full}) a minute of idleness and the managers' pages. */
    private Figures measure(BenchmarkProbes probes, int invoices, boolean full) throws Exception {
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        assertThat(demo.postForEntity("/emulator/control/invoices", Map.of("count", invoices, "facturX", false),
                String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long waiting = waitingInvoices();
        long target = importedAtValidation() + invoices;
        DatabaseWork workBefore = probes.databaseWork();
        CpuTime cpuBefore = probes.cpuTime();
        long start = System.nanoTime();
        assertThat(demo.postForEntity("/api/chorus/releve", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        while (importedAtValidation() < target) {
            if (seconds(start) > 1800) {
                throw new AssertionError("relève still running after 30 minutes");
            }
            Thread.sleep(500);
        }
        // the counters are read after the last invoice settles: the same wait on both sides
        DatabaseWork work = probes.databaseWork().minus(workBefore).per(invoices);
        CpuTime cpu = probes.cpuTime().minus(cpuBefore).per(invoices);
        if (!full) {
            return null;
        }

        Thread.sleep(10_000); // the job executor backs off to its idle rhythm
        CpuTime idleBefore = probes.cpuTime();
        long idleStart = System.nanoTime();
        Thread.sleep(60_000);
        double idleShare = 100 * probes.cpuTime().minus(idleBefore).total() / seconds(idleStart);

        TestRestTemplate manager = rest.withBasicAuth("manager", "manager");
        double summary = medianMillis(() -> manager.getForEntity("/api/invoices/summary", String.class));
        double overview = medianMillis(() -> manager.getForEntity("/apercu/", String.class));
        return new Figures(waiting, cpu, work, idleShare, summary, overview);
    }

    private static double medianMillis(Runnable call) {
        call.run();
        double[] times = new double[PAGE_RUNS];
        for (int i = 0; i < PAGE_RUNS; i++) {
            long start = System.nanoTime();
            call.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[PAGE_RUNS / 2];
    }

    /**
     * {@code count} more waiting invoices: the records and their status history in one statement
     * each, the process instances from two threads.
     */
    private void seed(int count) throws Exception {
        int from = seeded.get() + 1;
        int to = seeded.get() + count;
        jdbc.sql("""
                        INSERT INTO facteur.invoice (direction, channel, external_key, supplier_name, supplier_siret,
                            buyer_siret, invoice_number, issue_date, currency, total_ht, total_tva, total_ttc, status,
                            created_at, updated_at)
                        SELECT 'RECEIVED', 'UPLOAD', 'BENCH:' || n, 'Fournisseur ' || (n % 500), '73282932000074',
                            '11000201100044', 'B-' || n, current_date - (n % 40), 'EUR', 1000, 200, 1200, 'TO_VALIDATE',
                            now() - make_interval(days => n % 40), now() - make_interval(days => n % 40)
                        FROM generate_series(:from, :to) n""")
                .param("from", from).param("to", to).update();
        jdbc.sql("""
                        INSERT INTO facteur.invoice_status_history (invoice_id, changed_at, changed_by, from_status, to_status)
                        SELECT id, created_at, 'benchmark', s.from_status, s.to_status
                        FROM facteur.invoice,
                             (VALUES (NULL, 'RECEIVED'), ('RECEIVED', 'TO_VALIDATE')) s (from_status, to_status)
                        WHERE external_key LIKE 'BENCH:%' AND substring(external_key FROM 7)::int BETWEEN :from AND :to""")
                .param("from", from).param("to", to).update();
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT external_key, id FROM facteur.invoice WHERE external_key LIKE 'BENCH:%' "
                        + "AND substring(external_key FROM 7)::int BETWEEN :from AND :to")
                .param("from", from).param("to", to)
                .query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        Instant now = Instant.now();
        for (int thread = 0; thread < 2; thread++) {
            int offset = thread;
            done.add(pool.submit(() -> {
                for (int n = from + offset; n <= to; n += 2) {
                    String key = "BENCH:" + n;
                    runtime.startProcessInstanceByKey(WAITING, key, variables(ids.get(key), n, now));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        seeded.addAndGet(count);
    }

    /** What a waiting reception process carries: its invoice's index data, routing and reading notes. */
    private static Map<String, Object> variables(long invoiceId, int n, Instant now) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("invoiceId", invoiceId);
        variables.put("documentId", 1_000_000L + n);
        variables.put("channel", "UPLOAD");
        variables.put("invoiceNumber", "B-" + n);
        variables.put("supplierName", "Fournisseur " + (n % 500));
        variables.put("supplierSiret", "73282932000074");
        variables.put("supplierVatNumber", "FR44732829320");
        variables.put("buyerName", "Ministère des benchmarks");
        variables.put("buyerSiret", "11000201100044");
        variables.put("issueDate", Date.from(now.minus(n % 40, ChronoUnit.DAYS)));
        variables.put("dueDate", Date.from(now.plus(30 - n % 40, ChronoUnit.DAYS)));
        variables.put("currency", "EUR");
        variables.put("totalHt", 1000.0);
        variables.put("totalTva", 200.0);
        variables.put("totalTtc", 1200.0);
        variables.put("purchaseOrderReference", "EJ-" + (n % 900));
        variables.put("serviceCode", "SERVICE-" + (n % 20));
        variables.put("extractionMethod", "TEXT_LAYER");
        variables.put("extractionConfidence", 0.92);
        variables.put("matchResult", n % 3 == 0 ? "MATCHED" : "NO_ORDER");
        variables.put("validatorGroup", "valideurs");
        variables.put("duplicateOf", null);
        variables.put("readingNotes", "Lecture : texte du PDF (sans données structurées).");
        variables.put("due", Date.from(now.plus(30 - n % 40, ChronoUnit.DAYS)));
        variables.put("warnOn", Date.from(now.plus(20 + n % 40, ChronoUnit.DAYS)));
        return variables;
    }

    /** Invoices waiting in the circuit: seeded ones and those the relèves brought. */
    private long waitingInvoices() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_Validate").count() + importedAtValidation();
    }

    private long importedAtValidation() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_ValidateInvoice")
                .processInstanceBusinessKeyLike("CHORUS:%").count();
    }
}
