package fr.facteur.web;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/** The invoice API on the whole application: real HTTP, real engine, real PostgreSQL. */
@ApplicationTest
class InvoiceApiIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private ObjectMapper json;

    private TestRestTemplate demo;

    @BeforeEach
    void login() {
        demo = anonymous.withBasicAuth("demo", "demo");
    }

    @Test
    void uploadedPdfBecomesAnInvoiceWithAValidationTask() throws Exception {
        byte[] pdf = TestDocuments.invoicePdf("F-2025-0001");

        ResponseEntity<String> response = upload(demo, pdf, "facture F-2025-0001.pdf");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode invoice = json.readTree(response.getBody());
        long id = invoice.get("id").asLong();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/invoices/" + id);
        assertThat(invoice.get("direction").asText()).isEqualTo("RECEIVED");
        assertThat(invoice.get("channel").asText()).isEqualTo("UPLOAD");
        assertThat(invoice.get("externalKey").asText()).startsWith("SHA256:").hasSize(7 + 64);
        assertThat(invoice.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(invoice.has("totalTtc")).isTrue();

        Task task = awaitValidationTask(invoice.get("externalKey").asText());
        assertThat(task.getName()).startsWith("Valider la facture — F-2025-0001 · ").endsWith(" · 1 200,00 €");
        assertThat(taskService.getVariable(task.getId(), "invoiceId")).isEqualTo(id);
        assertThat(taskService.getVariable(task.getId(), "documentId")).isNotNull();

        JsonNode detail = json.readTree(demo.getForObject("/api/invoices/" + id, String.class));
        assertThat(detail.get("status").asText()).isEqualTo("TO_VALIDATE");
        assertThat(detail.get("history")).extracting(h -> h.get("to").asText())
                .containsExactly("RECEIVED", "TO_VALIDATE");
        assertThat(detail.get("history").get(0).get("changedBy").asText()).isEqualTo("demo");
        JsonNode document = detail.get("documents").get(0);
        assertThat(document.get("role").asText()).isEqualTo("MAIN");
        assertThat(document.get("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(document.get("filename").asText()).isEqualTo("facture F-2025-0001.pdf");

        ResponseEntity<byte[]> bytes = demo.getForEntity(document.get("href").asText(), byte[].class);
        assertThat(bytes.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bytes.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(bytes.getBody()).isEqualTo(pdf);
    }

    @Test
    void sameBytesTwiceReturnTheExistingInvoice() throws Exception {
        byte[] pdf = TestDocuments.invoicePdf("F-2025-0002");
        ResponseEntity<String> first = upload(demo, pdf, "a.pdf");
        ResponseEntity<String> second = upload(demo, pdf, "renamed.pdf");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        String key = json.readTree(first.getBody()).get("externalKey").asText();
        assertThat(json.readTree(second.getBody()).get("id")).isEqualTo(json.readTree(first.getBody()).get("id"));
        assertThat(second.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(countInvoices(key)).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isEqualTo(1);
    }

    @Test
    void concurrentUploadsOfOneFileCreateOneInvoiceAndOneProcess() throws Exception {
        byte[] pdf = TestDocuments.invoicePdf("F-2025-0003");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ResponseEntity<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> upload(demo, pdf, "concurrent.pdf"));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            String key = null;
            for (Future<ResponseEntity<String>> result : pool.invokeAll(calls)) {
                statuses.add((HttpStatus) result.get().getStatusCode());
                key = json.readTree(result.get().getBody()).get("externalKey").asText();
            }
            assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
            assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
            assertThat(countInvoices(key)).isEqualTo(1);
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyFileIsRefusedAndNothingIsStored() throws Exception {
        assertRefused(() -> upload(demo, new byte[0], "vide.pdf"), HttpStatus.BAD_REQUEST, "Fichier vide");
    }

    @Test
    void fileOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        assertRefused(() -> upload(demo, big, "enorme.pdf"), HttpStatus.PAYLOAD_TOO_LARGE, "Fichier trop volumineux");
    }

    @Test
    void unsupportedTypeIsRefusedWhateverItsName() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        assertRefused(() -> upload(demo, zip, "facture.pdf"), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Type de fichier non pris en charge");
        assertRefused(() -> upload(demo, "Bonjour, ceci n'est pas une facture".getBytes(StandardCharsets.UTF_8),
                "notes.txt"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Type de fichier non pris en charge");
    }

    @Test
    void anUnknownDirectionIsRefused() throws Exception {
        assertRefused(() -> upload(demo, TestDocuments.invoicePdf("E-2"), "e.pdf", "SIDEWAYS"),
                HttpStatus.BAD_REQUEST, "Paramètre invalide");
    }

    @Test
    void requestWithoutFileIsRefused() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        assertRefused(() -> demo.exchange("/api/invoices", HttpMethod.POST,
                new HttpEntity<>(new LinkedMultiValueMap<>(), headers), String.class), HttpStatus.BAD_REQUEST, null);
    }

    @Test
    void listFiltersAndPages() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(upload(demo, TestDocuments.invoicePdf("L-" + i), "l.pdf").getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }
        JsonNode all = json.readTree(demo.getForObject("/api/invoices?size=2", String.class));
        assertThat(all.get("items")).hasSize(2);
        assertThat(all.get("total").asLong()).isEqualTo(jdbc.sql("SELECT count(*) FROM facteur.invoice")
                .query(Long.class).single());

        JsonNode emitted = json.readTree(demo.getForObject("/api/invoices?direction=EMITTED&size=500", String.class));
        assertThat(emitted.get("total").asLong()).isEqualTo(jdbc.sql(
                "SELECT count(*) FROM facteur.invoice WHERE direction = 'EMITTED'").query(Long.class).single());
        emitted.get("items").forEach(item -> assertThat(item.get("direction").asText()).isEqualTo("EMITTED"));

        JsonNode received = json.readTree(demo.getForObject("/api/invoices?status=RECEIVED&direction=RECEIVED&size=500",
                String.class));
        received.get("items").forEach(item -> assertThat(item.get("status").asText()).isEqualTo("RECEIVED"));

        assertThat(demo.getForEntity("/api/invoices?status=NOPE", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(demo.getForEntity("/api/invoices?size=0", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void unknownInvoiceOrDocumentIs404WithAJsonError() throws Exception {
        ResponseEntity<String> invoice = demo.getForEntity("/api/invoices/999999", String.class);
        assertThat(invoice.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(invoice.getBody()).get("error").asText()).isEqualTo("Introuvable");
        assertThat(demo.getForEntity("/api/documents/999999", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void alteredDocumentIsNeverServed() throws Exception {
        JsonNode invoice = json.readTree(upload(demo, TestDocuments.invoicePdf("X-1"), "x.pdf").getBody());
        long documentId = json.readTree(demo.getForObject("/api/invoices/" + invoice.get("id").asLong(), String.class))
                .get("documents").get(0).get("id").asLong();
        jdbc.sql("UPDATE facteur.document SET content = decode('255044462d312e370a', 'hex') WHERE id = :id")
                .param("id", documentId).update();

        ResponseEntity<String> response = demo.getForEntity("/api/documents/" + documentId, String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(json.readTree(response.getBody()).get("error").asText()).isEqualTo("Document altéré");
    }

    private void assertRefused(Supplier<ResponseEntity<String>> call, HttpStatus status, String error)
            throws Exception {
        long documentsBefore = count("facteur.document");
        long invoicesBefore = count("facteur.invoice");
        ResponseEntity<String> response = call.get();
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode body = json.readTree(response.getBody());
        if (error != null) {
            assertThat(body.get("error").asText()).isEqualTo(error);
        }
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(count("facteur.document")).isEqualTo(documentsBefore);
        assertThat(count("facteur.invoice")).isEqualTo(invoicesBefore);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private long countInvoices(String key) {
        return jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE external_key = :key").param("key", key)
                .query(Long.class).single();
    }

    private Task awaitValidationTask(String businessKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(businessKey).taskDefinitionKey("Task_ValidateInvoice").singleResult(),
                task -> task != null);
    }
}
