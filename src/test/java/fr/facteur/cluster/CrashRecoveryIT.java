package fr.facteur.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.FacteurNode;
import fr.facteur.support.KeycloakServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run (embedded PostgreSQL on a persistent data directory) killed in the middle of a
 * relève, as the OOM killer or a power cut would: the JVM and its database server both get
 * SIGKILL. Started again with the same command and nothing done by hand, it recovers the database,
 * finishes the relève by itself, and every invoice is there once, every process where it was.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private FacteurNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void killedMidReleveWithItsDatabaseItStartsAgainAndLosesNothing() throws Exception {
        int databasePort = KeycloakServer.freePort();
        int port = KeycloakServer.freePort();
        Map<String, String> settings = new HashMap<>();
        settings.put("facteur.database.embedded.data-directory", work.resolve("postgres").toString());
        settings.put("facteur.database.embedded.port", String.valueOf(databasePort));
        settings.put("facteur.cluster.node-name", "crash");
        // the jobs the dead node had locked are taken again after this (5 minutes in the default run)
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", "15000");
        settings.put("camunda.bpm.job-execution.max-wait", "2000");

        node = FacteurNode.start("crash-1", port, settings, Map.of());
        node.awaitUp("/actuator/health/readiness", Duration.ofMinutes(4));
        HttpResponse<String> created = node.send("POST", "/emulator/control/invoices", "{\"count\": 40}", "demo");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<Long> newIds = new ArrayList<>();
        JSON.readTree(created.body()).path("idFactures").forEach(id -> newIds.add(id.asLong()));
        // Chorus Pro answers slowly: the relève's steps are still running when the machine dies
        assertThat(node.send("PUT", "/emulator/control/faults", "{\"serverErrorRate\": 0, \"tooManyRequestsRate\": 0,"
                + " \"slowRate\": 1.0, \"slowDelayMillis\": 300}", "demo").statusCode()).isEqualTo(200);
        assertThat(node.send("POST", "/api/chorus/releve", null, "demo").statusCode()).isEqualTo(202);

        String db = "jdbc:postgresql://localhost:" + databasePort + "/postgres";
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(db, "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'Task_ValidateInvoice'") >= 8);
        Map<String, String> tasksBefore = validationTasks(db);
        long invoicesBefore = count(db, "SELECT count(*) FROM facteur.invoice");
        long pendingJobs = count(db, "SELECT count(*) FROM act_ru_job WHERE type_ = 'message'");
        System.out.println("CRASH: killed with " + invoicesBefore + " invoices registered, " + tasksBefore.size()
                + " at validation, " + pendingJobs + " steps pending");
        assertThat(pendingJobs).as("the relève is in the middle of its work").isPositive();

        long postmaster = Long.parseLong(Files.readAllLines(work.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        node.kill();
        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        server.onExit().join();

        // the same command again, nothing done by hand
        node = FacteurNode.start("crash-2", port, settings, Map.of());
        node.awaitUp("/actuator/health/readiness", Duration.ofMinutes(4));

        long onChorus = count(db, "SELECT count(*) FROM chorus_emulator.facture");
        await().atMost(Duration.ofMinutes(4)).until(() ->
                count(db, "SELECT count(*) FROM act_ru_job WHERE type_ = 'message'") == 0
                        && count(db, "SELECT count(*) FROM facteur.invoice WHERE channel = 'CHORUS'") == onChorus);
        assertThat(count(db, "SELECT count(*) FROM (SELECT external_key FROM facteur.invoice GROUP BY external_key"
                + " HAVING count(*) > 1) AS twice")).isZero();
        assertThat(count(db, "SELECT count(*) FROM (SELECT business_key_ FROM act_hi_procinst p JOIN act_re_procdef d"
                + " ON d.id_ = p.proc_def_id_ WHERE d.key_ = 'InvoiceReception' GROUP BY business_key_"
                + " HAVING count(*) > 1) AS twice")).as("circuits started twice").isZero();
        Map<String, String> tasksAfter = validationTasks(db);
        assertThat(tasksAfter).as("the tasks of before the crash are still there, the same ones")
                .containsAllEntriesOf(tasksBefore);
        for (long id : newIds) {
            assertThat(tasksAfter).as("invoice %d waits at validation", id).containsKey("CHORUS:" + id);
            assertThat(count(db, "SELECT count(*) FROM facteur.invoice_document d JOIN facteur.invoice i"
                    + " ON i.id = d.invoice_id WHERE i.external_key = 'CHORUS:" + id + "'")).as("its document")
                    .isPositive();
        }
        assertThat(count(db, "SELECT count(*) FROM act_ru_incident")).as("incidents").isZero();
        JsonNode health = JSON.readTree(node.send("GET", "/actuator/health", null, "demo").body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
    }

    private static Map<String, String> validationTasks(String db) throws SQLException {
        Map<String, String> tasks = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(db, "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT e.business_key_, t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
                             + " WHERE t.task_def_key_ = 'Task_ValidateInvoice'")) {
            while (rows.next()) {
                tasks.put(rows.getString(1), rows.getString(2));
            }
        }
        return tasks;
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db, "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
