package fr.facteur.worker;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.Corpus;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.support.ApplicationTest;
import fr.facteur.workflow.extraction.ExtractionWorker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The jar as a separate OCR worker (profile {@code ocr-worker}): with the worker inside the
 * application stopped, a second Spring application — no engine, no database — locks the
 * extraction task over engine REST, reads the document it downloads from the API and writes the
 * result back through the API.
 */
@ApplicationTest
class OcrWorkerIT {

    @LocalServerPort
    private int port;
    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceExtractions extractions;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private ExtractionWorker embeddedWorker;

    @BeforeEach
    void stopTheWorkerInsideTheApplication() {
        embeddedWorker.stop();
    }

    @AfterEach
    void restartIt() {
        embeddedWorker.start();
    }

    @Test
    void aSeparateWorkerReadsTheInvoiceOverHttp() throws Exception {
        byte[] pdf = Files.readAllBytes(Corpus.directory().resolve("FR_Facture_F20220025_BASIC.pdf"));
        ResponseEntity<String> created = upload(anonymous.withBasicAuth("demo", "demo"), pdf, "F20220025.pdf");
        long id = json.readTree(created.getBody()).get("id").asLong();
        String businessKey = invoices.get(id).externalKey();

        try (ConfigurableApplicationContext worker = OcrWorkerApplication.run(
                "--facteur.worker.url=http://localhost:" + port, "--facteur.worker.username=ocr",
                "--facteur.worker.password=ocr", "--facteur.worker.retry-delay=PT1S")) {
            assertThat(worker.containsBean("entityManagerFactory")).isFalse();
            assertThat(worker.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
            String workerId = worker.getBean(RemoteExtractionWorker.class).workerId();

            await().atMost(Duration.ofSeconds(60)).until(() -> taskService.createTaskQuery()
                    .processInstanceBusinessKey(businessKey).taskDefinitionKey("Task_ValidateInvoice").count() == 1);

            List<HistoricExternalTaskLog> log = historyService.createHistoricExternalTaskLogQuery()
                    .successLog().activityIdIn("Task_ExtractInvoiceData").list();
            assertThat(log).anyMatch(entry -> workerId.equals(entry.getWorkerId()));
        }
        assertThat(extractions.find(id)).hasValueSatisfying(stored -> {
            assertThat(stored.source()).isEqualTo("FACTURX");
            assertThat(stored.fields().get("invoiceNumber").value()).isEqualTo("F20220025");
        });
        assertThat(invoices.get(id).index().totalTtc()).isEqualByComparingTo("120.00");
    }

    @Test
    void onlyWorkersMayWriteWhatADocumentSays() {
        Map<String, Object> body = Map.of("source", "OCR", "pages", 1, "fields", Map.of(), "documentId", 1);
        ResponseEntity<String> answer = anonymous.withBasicAuth("valideur", "valideur").exchange(
                "/api/invoices/1/extraction", HttpMethod.PUT, new HttpEntity<>(body), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
