package fr.facteur.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tasklist at scale (not part of {@code verify}; command in the README): what a validator's
 * Tasklist asks engine REST on every refresh — the first page of the group's tasks sorted by due
 * date, their count, the shared filter "Tâches de mes groupes" (list and count) and one task —
 * timed as {@code valideur} with {@value #SMALL} open tasks, then again with
 * {@code benchmark.tasks} (10,000 by default) in the same JVM and database. Reports the medians
 * and the ratio large/small to {@code target/benchmark/tasklist.txt}. Tasks are made by a
 * process whose user task is routed to {@code valideurs} like "Valider la facture" (candidate
 * group, due date), so each carries the identity link and the authorization the engine creates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistBenchmark {

    private static final String PROCESS = "BenchmarkValidation";
    private static final int SMALL = 100;
    private static final int RUNS = 9;

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private TaskService tasks;
    @Autowired
    private FilterService filters;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private EmbeddedPostgres postgres;

    @Test
    void tasklistStaysFastWithManyOpenTasks() throws Exception {
        int large = Integer.getInteger("benchmark.tasks", 10_000);
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Validate").name("Valider la facture").camundaCandidateGroups("valideurs")
                .camundaDueDate("${due}").endEvent().done();
        repository.createDeployment().addModelInstance(PROCESS + ".bpmn", model).deploy();
        String groupFilter = filters.createFilterQuery().filterName("Tâches de mes groupes").singleResult().getId();
        TestRestTemplate validator = rest.withBasicAuth("valideur", "valideur");

        start(SMALL);
        analyze();
        Map<String, Double> small = measure(validator, groupFilter);
        start(large - SMALL);
        analyze();
        Map<String, Double> big = measure(validator, groupFilter);

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Tasklist as valideur, median of %d calls (ms): %d open tasks vs %d%n", RUNS, SMALL, large));
        small.forEach((call, ms) -> report.append(String.format(Locale.ROOT, "%-28s %8.1f %8.1f   x%.2f%n", call, ms,
                big.get(call), big.get(call) / ms)));
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "tasklist.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /**
     * What autovacuum does within a minute of a large import: fresh statistics (as the owner: the
     * application's role may not analyze Camunda's tables).
     */
    private void analyze() throws Exception {
        try (Connection owner = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
             Statement statement = owner.createStatement()) {
            statement.execute("ANALYZE public.act_ru_task, public.act_ru_identitylink, public.act_ru_authorization, "
                    + "public.act_ru_variable, public.act_ru_execution");
        }
    }

    private void start(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        Instant now = Instant.now();
        for (int thread = 0; thread < 2; thread++) {
            int offset = thread;
            done.add(pool.submit(() -> {
                for (int i = offset; i < count; i += 2) {
                    runtime.startProcessInstanceByKey(PROCESS, "bench-" + System.nanoTime(),
                            Map.of("due", Date.from(now.plus(i % 60, ChronoUnit.DAYS)), "invoiceNumber", "B-" + i,
                                    "supplierName", "Fournisseur " + (i % 50), "totalTtc", 100.0 + i));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    private Map<String, Double> measure(TestRestTemplate client, String filterId) throws Exception {
        String anyTask = tasks.createTaskQuery().processDefinitionKey(PROCESS).listPage(0, 1).get(0).getId();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        HttpEntity<String> sorting = new HttpEntity<>(
                "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}", headers);
        Map<String, Supplier<ResponseEntity<String>>> calls = new LinkedHashMap<>();
        calls.put("group list by due date", () -> client.getForEntity(
                "/engine-rest/task?candidateGroup=valideurs&sortBy=dueDate&sortOrder=asc&maxResults=15", String.class));
        calls.put("group count", () -> client.getForEntity("/engine-rest/task/count?candidateGroup=valideurs",
                String.class));
        calls.put("filter list (Tasklist)", () -> client.exchange("/engine-rest/filter/" + filterId
                + "/list?firstResult=0&maxResults=15", HttpMethod.POST, sorting, String.class));
        calls.put("filter count (Tasklist)", () -> client.exchange("/engine-rest/filter/" + filterId + "/count",
                HttpMethod.POST, new HttpEntity<>("{}", headers), String.class));
        calls.put("one task", () -> client.getForEntity("/engine-rest/task/" + anyTask, String.class));
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<ResponseEntity<String>>> call : calls.entrySet()) {
            ResponseEntity<String> first = call.getValue().get();
            assertThat(first.getStatusCode()).as(call.getKey()).isEqualTo(HttpStatus.OK);
            if (call.getKey().equals("group list by due date")) {
                JsonNode page = json.readTree(first.getBody());
                assertThat(page.size()).isEqualTo(15);
            }
            double[] times = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                assertThat(call.getValue().get().getStatusCode()).isEqualTo(HttpStatus.OK);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            medians.put(call.getKey(), times[RUNS / 2]);
        }
        return medians;
    }
}
