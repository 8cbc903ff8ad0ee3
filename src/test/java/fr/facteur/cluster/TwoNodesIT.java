package fr.facteur.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.security.DemoUsers;
import fr.facteur.support.FacteurNode;
import fr.facteur.support.KeycloakServer;
import fr.facteur.support.StandalonePostgres;
import fr.facteur.support.TestDocuments;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camunda's cluster model, for real: two Facteur nodes, each a JVM of its own, started at the same
 * moment on an empty database of a real PostgreSQL server (Debian's package, not the embedded
 * library), sharing one hot folder. Both come up (migrations and engine schema do not race), the
 * demo data exists once, a file dropped in the shared folder becomes one invoice, relèves started
 * on both nodes at once import each invoice once, and a node killed (SIGKILL) while it pushes a
 * decision to Chorus Pro leaves the push to the other node once the job's lock expires.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    /** Short in this test so that it waits seconds, not the 5 minutes of the default run. */
    private static final int LOCK_TIME_MILLIS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static StandalonePostgres postgres;
    private static FacteurNode nodeA;
    private static FacteurNode nodeB;

    @BeforeAll
    static void startTwoNodesAtOnce() throws Exception {
        postgres = StandalonePostgres.start();
        nodeA = FacteurNode.start("node-a", KeycloakServer.freePort(), settings("node-a"), Map.of());
        nodeB = FacteurNode.start("node-b", KeycloakServer.freePort(), settings("node-b"), Map.of());
        nodeA.awaitUp("/actuator/health/readiness", Duration.ofMinutes(5));
        nodeB.awaitUp("/actuator/health/readiness", Duration.ofMinutes(5));
    }

    private static Map<String, String> settings(String nodeName) {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", postgres.url("facteur"));
        settings.put("spring.datasource.username", StandalonePostgres.APP);
        settings.put("spring.datasource.password", StandalonePostgres.APP_PASSWORD);
        settings.put("spring.flyway.user", StandalonePostgres.OWNER);
        settings.put("spring.flyway.password", StandalonePostgres.OWNER_PASSWORD);
        settings.put("facteur.cluster.node-name", nodeName);
        settings.put("facteur.capture.folder", shared.resolve("inbox").toString());
        settings.put("facteur.capture.folder-poll", "PT0.5S");
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_TIME_MILLIS));
        // an idle node looks for jobs every 2 s at most (Camunda's default backs off to a minute)
        settings.put("camunda.bpm.job-execution.max-wait", "2000");
        return settings;
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (FacteurNode node : new FacteurNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void bothNodesCameUpAndTheDemoDataExistsOnce() throws Exception {
        assertThat(count("SELECT count(*) FROM facteur.flyway_schema_history WHERE NOT success")).isZero();
        assertThat(count("SELECT count(*) FROM facteur.flyway_schema_history WHERE version IS NOT NULL"))
                .as("each migration applied once")
                .isEqualTo(count("SELECT count(DISTINCT version) FROM facteur.flyway_schema_history WHERE version IS NOT NULL"));
        assertThat(count("SELECT count(*) FROM act_id_user")).as("demo users").isEqualTo(DemoUsers.ALL.size());
        assertThat(count("SELECT count(*) FROM chorus_emulator.facture")).as("the emulator's seed").isEqualTo(12);
        assertThat(count("SELECT count(*) FROM chorus_emulator.structure WHERE compte_destinataire")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM facteur.purchase_order")).as("demo purchase orders").isPositive()
                .isEqualTo(count("SELECT count(DISTINCT number) FROM facteur.purchase_order"));
        assertThat(count("SELECT count(DISTINCT key_) FROM act_re_procdef")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM act_re_procdef")).as("each process deployed once").isEqualTo(4);
        // each node is a job executor of its own, named in the locks it takes
        for (FacteurNode node : List.of(nodeA, nodeB)) {
            assertThat(node.send("GET", "/engine-rest/engine", null, "demo").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aFileDroppedInTheSharedFolderBecomesOneInvoice() throws Exception {
        Path inbox = shared.resolve("inbox");
        Files.createDirectories(inbox);
        for (int i = 1; i <= 6; i++) {
            Path part = inbox.resolve(".tmp-" + i);
            Files.write(part, TestDocuments.invoicePdf("HF-NODES-" + i));
            Files.move(part, inbox.resolve("facture-" + i + ".pdf")); // an atomic drop, as a scanner's
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> count(
                "SELECT count(*) FROM facteur.invoice WHERE channel = 'FOLDER'") == 6 && filesIn(inbox.resolve("done")) == 6);
        Thread.sleep(3000); // several more polls of both nodes
        assertThat(filesIn(inbox.resolve("done"))).isEqualTo(6);
        assertThat(filesIn(inbox.resolve("failed"))).as("nothing failed because the other node took it").isZero();
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(count("SELECT count(*) FROM facteur.invoice WHERE channel = 'FOLDER'")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ = p.proc_def_id_"
                + " JOIN facteur.invoice i ON p.business_key_ = i.external_key"
                + " WHERE d.key_ = 'InvoiceReception' AND i.channel = 'FOLDER'")).as("one circuit per file").isEqualTo(6);
    }

    @Test
    @Order(3)
    void relevesStartedOnBothNodesAtOnceImportEachInvoiceOnce() throws Exception {
        HttpResponse<String> created = nodeA.send("POST", "/emulator/control/invoices", "{\"count\": 20}", "demo");
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
        long onChorus = count("SELECT count(*) FROM chorus_emulator.facture");

        for (int round = 0; round < 2; round++) {
            CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(() -> releve(nodeA));
            CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> releve(nodeB));
            assertThat(onA.get().statusCode()).isEqualTo(202);
            assertThat(onB.get().statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(180)).until(() -> count(
                    "SELECT count(*) FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_"
                            + " WHERE d.key_ = 'ChorusReleve'") == 0);
        }
        assertThat(count("SELECT count(*) FROM facteur.invoice WHERE channel = 'CHORUS'")).isEqualTo(onChorus);
        assertThat(count("SELECT count(*) FROM (SELECT business_key_ FROM act_hi_procinst p JOIN act_re_procdef d"
                + " ON d.id_ = p.proc_def_id_ WHERE d.key_ = 'InvoiceReception' AND business_key_ LIKE 'CHORUS:%'"
                + " GROUP BY business_key_ HAVING count(*) > 1) AS twice")).as("circuits started twice").isZero();
        assertThat(count("SELECT count(DISTINCT business_key_) FROM act_hi_procinst p JOIN act_re_procdef d"
                + " ON d.id_ = p.proc_def_id_ WHERE d.key_ = 'InvoiceReception' AND business_key_ LIKE 'CHORUS:%'"))
                .isEqualTo(onChorus);
        assertThat(count("SELECT count(*) FROM act_ru_incident")).as("incidents").isZero();
    }

    @Test
    @Order(4)
    void aNodeKilledWhilePushingADecisionLeavesThePushToTheOther() throws Exception {
        long idFacture = await().atMost(Duration.ofSeconds(120)).until(this::anInvoiceWaitingForValidation, id -> id > 0);
        String taskId = JSON.readTree(nodeA.send("GET", "/engine-rest/task?taskDefinitionKey=Task_ValidateInvoice"
                + "&processInstanceBusinessKey=CHORUS:" + idFacture, null, "valideur").body()).get(0).path("id").asText();
        // Chorus Pro hangs (each node calls the emulator it serves): the push is in flight when its node dies
        for (FacteurNode node : List.of(nodeA, nodeB)) {
            assertThat(faults(node, 1.0, 30_000)).isEqualTo(200);
        }

        HttpResponse<String> decided = nodeA.send("POST", "/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVE\"}}}", "valideur");
        assertThat(decided.statusCode()).as(decided.body()).isIn(200, 204);
        String[] lockedJob = await().atMost(Duration.ofSeconds(30)).until(this::lockedPushJob, job -> job != null);
        String lockOwner = lockedJob[1];
        String pushInstance = lockedJob[0];
        FacteurNode holder = lockOwner.startsWith("node-a-") ? nodeA : nodeB;
        FacteurNode survivor = holder == nodeA ? nodeB : nodeA;
        System.out.println("TWO NODES: the push job was locked by " + lockOwner + "; killing " + holder.name());
        holder.kill();
        assertThat(faults(survivor, 0, 0)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(LOCK_TIME_MILLIS / 1000 + 120)).until(() ->
                emulatorStatuses(idFacture).contains("SERVICE_FAIT"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM act_ru_job WHERE process_instance_id_ = '" + pushInstance + "'") == 0);
        Thread.sleep(2000);
        assertThat(emulatorStatuses(idFacture).stream().filter("SERVICE_FAIT"::equals)).as("pushed once").hasSize(1);
        assertThat(string("SELECT hostname_ FROM act_hi_job_log WHERE process_instance_id_ = '" + pushInstance + "'"
                + " AND job_state_ = 2 ORDER BY timestamp_ DESC LIMIT 1"))
                .as("the push was finished by the node still running").isEqualTo(survivor.name());
        assertThat(count("SELECT count(*) FROM act_ru_incident")).isZero();
        assertThat(survivor.isAlive()).isTrue();
    }

    private long anInvoiceWaitingForValidation() throws SQLException {
        String key = string("SELECT e.business_key_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
                + " WHERE t.task_def_key_ = 'Task_ValidateInvoice' AND e.business_key_ LIKE 'CHORUS:%'"
                + " ORDER BY e.business_key_ LIMIT 1");
        return key == null ? 0 : Long.parseLong(key.substring("CHORUS:".length()));
    }

    /** The process instance and lock owner of the status push job locked right now, if any. */
    private String[] lockedPushJob() throws SQLException {
        String row = string("SELECT process_instance_id_ || ' ' || lock_owner_ FROM act_ru_job"
                + " WHERE process_def_key_ = 'ChorusStatusPush' AND lock_owner_ IS NOT NULL LIMIT 1");
        return row == null ? null : row.split(" ");
    }

    private static int faults(FacteurNode node, double slowRate, int delayMillis) throws Exception {
        return node.send("PUT", "/emulator/control/faults", "{\"serverErrorRate\": 0, \"tooManyRequestsRate\": 0,"
                + " \"slowRate\": " + slowRate + ", \"slowDelayMillis\": " + delayMillis + "}", "demo").statusCode();
    }

    private static HttpResponse<String> releve(FacteurNode node) {
        try {
            return node.send("POST", "/api/chorus/releve", null, "demo");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> emulatorStatuses(long idFacture) throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (Connection connection = postgres.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT statut FROM chorus_emulator.historique WHERE id_facture = ? ORDER BY id")) {
            query.setLong(1, idFacture);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
        }
        return statuses;
    }

    private static long filesIn(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".pdf")).count();
        }
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(string(sql));
    }

    private static String string(String sql) throws SQLException {
        try (Connection connection = postgres.connect();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
