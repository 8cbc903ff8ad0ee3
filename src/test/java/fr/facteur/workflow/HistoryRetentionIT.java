package fr.facteur.workflow;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * History does not grow forever: each ended process carries its removal time (its time to live
 * after its end: 30 days for a relève, 10 years for an invoice), and the nightly cleanup removes
 * what is due, and only that.
 */
@ApplicationTest
class HistoryRetentionIT {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private HistoryService history;
    @Autowired
    private ManagementService management;
    @Autowired
    private TaskService tasks;
    @Autowired
    private ObjectMapper json;

    @Test
    void endedProcessesAreRemovedAfterTheirTimeToLiveAndNotBefore() throws Exception {
        assertThat(history.findHistoryCleanupJobs()).as("scheduled by the nightly window").isNotEmpty();

        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        demo.postForEntity("/api/chorus/releve", null, String.class);
        HistoricProcessInstance releve = await().atMost(Duration.ofSeconds(60)).until(() -> history
                .createHistoricProcessInstanceQuery().processDefinitionKey("ChorusReleve").finished()
                .orderByProcessInstanceEndTime().desc().listPage(0, 1).stream().findFirst().orElse(null), p -> p != null);
        assertThat(releve.getRemovalTime()).isEqualTo(Date.from(releve.getEndTime().toInstant().plus(30, ChronoUnit.DAYS)));

        String key = json.readTree(upload(demo, TestDocuments.invoicePdf("H-1"), "h.pdf").getBody())
                .get("externalKey").asText();
        var task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(key).taskDefinitionKey("Task_ValidateInvoice").singleResult(), t -> t != null);
        tasks.complete(task.getId(), Map.of("decision", "REJECT", "motif", "Pas pour nous"));
        HistoricProcessInstance invoice = await().atMost(Duration.ofSeconds(30)).until(() -> history
                .createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).processDefinitionKey("InvoiceReception")
                .finished().singleResult(), p -> p != null);
        assertThat(invoice.getRemovalTime())
                .isEqualTo(Date.from(invoice.getEndTime().toInstant().plus(3650, ChronoUnit.DAYS)));

        // the relève's time has come (as if 30 days had passed); the invoice's has not
        history.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(Date.from(java.time.Instant.now()
                .minus(1, ChronoUnit.DAYS))).byIds(releve.getId()).executeAsync();
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(releve.getId()).singleResult().getRemovalTime().before(new Date()));
        Job cleanup = history.cleanUpHistoryAsync(true);
        try {
            management.executeJob(cleanup.getId());
        } catch (org.camunda.bpm.engine.OptimisticLockingException alreadyRunByTheExecutor) {
            // the job executor took it first: same result
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(releve.getId()).count() == 0);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(releve.getId()).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(invoice.getId()).count()).isEqualTo(1);
    }
}
