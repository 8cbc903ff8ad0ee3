package fr.facteur.workflow.reception;

import fr.facteur.support.Tasks;
import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.Corpus;
import fr.facteur.extraction.CorpusEvaluation;
import fr.facteur.extraction.HostileFiles;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.purchasing.PurchasingService;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The extraction step of {@code InvoiceReception} with the real worker, Tesseract and PostgreSQL:
 * uploaded documents get their index data, doubtful ones go to "Compléter l'indexation", a
 * second copy of an invoice goes to "Vérifier un doublon", a technical failure ends in an incident.
 */
@ApplicationTest
class ReceptionExtractionIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceExtractions extractions;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private ExternalTaskService externalTaskService;
    @Autowired
    private PurchasingService purchasing;
    @Autowired
    private ManagementService managementService;

    private TestRestTemplate demo;

    @BeforeEach
    void login() {
        demo = anonymous.withBasicAuth("demo", "demo");
    }

    @Test
    void aFacturXUploadIsIndexedFromItsXmlAndGoesStraightToValidation() throws Exception {
        long id = uploadFile(corpus("FR_Facture_F20220023_EN16931.pdf"), "F20220023.pdf");

        Task task = awaitTask(id, "Task_ValidateInvoice");

        Invoice invoice = invoices.get(id);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.TO_VALIDATE);
        assertThat(invoice.index().invoiceNumber()).isEqualTo("F20220023");
        assertThat(invoice.index().supplierVatNumber()).isEqualTo("FR11123456782");
        assertThat(invoice.index().issueDate()).isEqualTo(LocalDate.of(2022, 1, 31));
        assertThat(invoice.index().totalTtc()).isEqualByComparingTo("104.90");
        assertThat(invoice.index().purchaseOrderReference()).isEqualTo("PO201925478");
        assertThat(extractions.find(id)).hasValueSatisfying(stored -> {
            assertThat(stored.source()).isEqualTo("FACTURX");
            assertThat(stored.fields().get("totalTtc").confidence()).isEqualTo(1.0);
        });
        Map<String, Object> variables = runtimeService.getVariables(task.getProcessInstanceId());
        assertThat(variables).containsEntry("indexingComplete", true).containsEntry("extractionSource", "FACTURX");
        assertThat(variables.values()).noneMatch(value -> value instanceof byte[]);
        assertThat(documentText(id)).contains("F20220023");
    }

    @Test
    void aScannedInvoiceIsReadByOcrOnTheWay() throws Exception {
        byte[] png = CorpusEvaluation.renderPng(corpus("FR_Facture_FA-2017-0010_BASICWL.pdf"), 300).get(0);
        long id = uploadFile(png, "scan.png");

        await().atMost(Duration.ofSeconds(60)).until(() -> extractions.find(id).isPresent());

        assertThat(extractions.find(id).orElseThrow().source()).isEqualTo("OCR");
        Invoice invoice = invoices.get(id);
        assertThat(invoice.index().invoiceNumber()).isEqualTo("FA-2017-0010");
        assertThat(invoice.index().totalTtc()).isEqualByComparingTo(new BigDecimal("671.15"));
        assertThat(invoice.index().supplierSiret()).isEqualTo("99999999800010");
        assertThat(documentText(id)).containsIgnoringCase("Nougat");
    }

    @Test
    void aDocumentWithoutInvoiceDataGoesToAnAccountantWithTheDoubtfulFields() {
        long id = uploadFile(HostileFiles.read("not-an-invoice.pdf"), "poeme.pdf");

        Task task = awaitTask(id, "Task_CompleteIndexing");

        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> "comptables".equals(link.getGroupId()));
        Map<String, Object> variables = taskService.getVariables(task.getId());
        assertThat((String) variables.get("doubtfulFields")).contains("N° de facture", "Total TTC", "SIRET du fournisseur");
        assertThat(variables.get("documentId")).isNotNull();

        taskService.complete(task.getId(), Map.of("supplierName", "Papeterie Durand", "supplierSiret", "732 829 320 00074",
                "invoiceNumber", "F-2025-777", "issueDate", "2025-03-12", "currency", "EUR", "totalHt", 100,
                "totalTva", 20, "totalTtc", 120));

        awaitTask(id, "Task_ValidateInvoice");
        Invoice invoice = invoices.get(id);
        assertThat(invoice.index().supplierSiret()).isEqualTo("73282932000074");
        assertThat(invoice.index().invoiceNumber()).isEqualTo("F-2025-777");
        assertThat(invoice.index().totalTtc()).isEqualByComparingTo("120.00");
    }

    @Test
    void anEncryptedPdfGoesToAnAccountantWithTheReason() {
        long id = uploadFile(HostileFiles.read("encrypted.pdf"), "chiffre.pdf");

        Task task = awaitTask(id, "Task_CompleteIndexing");

        assertThat((String) taskService.getVariable(task.getId(), "extractionProblem")).contains("mot de passe");
    }

    @Test
    void theSameInvoiceAsAnotherFileIsSuspectedAndDiscardedWithoutChorus() throws Exception {
        byte[] pdf = corpus("FR_Facture_F20220030_EN16931.pdf");
        long first = uploadFile(pdf, "F20220030.pdf");
        awaitTask(first, "Task_ValidateInvoice");

        long second = uploadFile(embeddedXml(pdf), "F20220030.xml");
        Task check = awaitTask(second, "Task_CheckDuplicate");

        assertThat(taskService.getVariable(check.getId(), "duplicateOf")).isEqualTo(first);
        assertThat((String) taskService.getVariable(check.getId(), "duplicateDescription")).contains("n° " + first);
        taskService.complete(check.getId(), Map.of("duplicateConfirmed", true));

        await().atMost(Duration.ofSeconds(10)).until(() -> invoices.get(second).status() == InvoiceStatus.DUPLICATE);
        // a final state: filed in the GED, with its retention
        assertThat(invoices.retainUntil(second)).isPresent();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(invoices.get(second).externalKey())
                .count()).isZero();
        assertThat(invoices.get(second).chorusStatus()).isNull();
        assertThat(invoices.history(second)).anyMatch(change -> change.comment() != null
                && change.comment().contains("Doublon de la facture n° " + first));
    }

    @Test
    void anApprovedInvoiceConsumesThePurchaseOrderItWasMatchedWith() {
        PurchasingService.ImportReport report = purchasing.importCsv(new java.io.StringReader(
                String.join("\n", PurchasingService.CSV_COLUMNS.stream().reduce((a, b) -> a + ";" + b).orElseThrow(),
                        "EJ-CONSO-1;73282932000074;SERV-ACHATS;Fournitures de bureau;1 000,00;0")));
        assertThat(report.accepted()).as(report.errors().toString()).isTrue();
        long id = uploadFile(TestDocuments.invoicePdf("F-2025-CONSO"), "conso.pdf");

        Task task = awaitTask(id, "Task_ValidateInvoice");
        assertThat(taskService.getVariable(task.getId(), "matchedOrder")).isEqualTo("EJ-CONSO-1");
        taskService.complete(task.getId(), Map.of("decision", "APPROVE"));

        await().atMost(Duration.ofSeconds(10)).until(() -> purchasing.find("EJ-CONSO-1").orElseThrow().amountInvoiced()
                .compareTo(new BigDecimal("1000.00")) == 0);
    }

    @Test
    void aDisputeHoldsTheManagersWarningAndMovesItByTheDaysSpentInDispute() {
        long id = uploadFile(TestDocuments.invoicePdf("F-2025-LITIGE"), "litige.pdf");
        Task task = awaitTask(id, "Task_ValidateInvoice");
        String instanceId = task.getProcessInstanceId();
        Date planned = warningTimer(instanceId).getDuedate();

        taskService.complete(task.getId(), Map.of("decision", "DISPUTE", "motif", "Bon de livraison manquant"));
        await().atMost(Duration.ofSeconds(10)).until(() -> isHeld(warningTimer(instanceId).getDuedate()));

        // the dispute began ten days ago
        jdbc.sql("""
                UPDATE facteur.invoice_status_history SET changed_at = changed_at - INTERVAL '10 days'
                WHERE invoice_id = :id AND to_status = 'DISPUTED'""").param("id", id).update();
        runtimeService.createMessageCorrelation("ChorusStatus_COMPLETEE")
                .processInstanceBusinessKey(invoices.get(id).externalKey()).correlate();

        awaitTask(id, "Task_ValidateInvoice");
        Job moved = warningTimer(instanceId);
        assertThat(Duration.between(planned.toInstant(), moved.getDuedate().toInstant())).isEqualTo(Duration.ofDays(10));
    }

    /** A timer held by a dispute: pushed out of reach (PaymentWarning sets it a century ahead). */
    private static boolean isHeld(Date dueDate) {
        return dueDate != null && dueDate.toInstant().isAfter(Instant.now().plus(Duration.ofDays(365 * 50)));
    }

    private Job warningTimer(String processInstanceId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId)
                .activityId("StartEvent_DeadlineNear").timers().singleResult();
    }

    @Test
    void aTechnicalFailureIsRetriedThenShownAsAnIncident() {
        long id = uploadFile(TestDocuments.invoicePdf("F-2025-INCIDENT"), "facture.pdf");
        awaitTask(id, "Task_ValidateInvoice");
        // the invoice loses its document (as if the archive were broken) and is read once more
        jdbc.sql("DELETE FROM facteur.invoice_document WHERE invoice_id = :id").param("id", id).update();
        String instanceId = runtimeService.startProcessInstanceByKey("InvoiceReception", "TEST:no-document",
                Map.of("invoiceId", id, "channel", "UPLOAD")).getId();

        Incident incident = await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createIncidentQuery()
                .processInstanceId(instanceId).singleResult(), found -> found != null);

        assertThat(incident.getActivityId()).isEqualTo("Task_ExtractInvoiceData");
        assertThat(incident.getIncidentMessage()).contains("has no main document");
        assertThat(externalTaskService.createExternalTaskQuery().processInstanceId(instanceId).singleResult().getRetries())
                .isZero();
    }

    private long uploadFile(byte[] bytes, String filename) {
        ResponseEntity<String> response = upload(demo, bytes, filename);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        try {
            JsonNode body = json.readTree(response.getBody());
            return body.get("id").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Task awaitTask(long invoiceId, String taskKey) {
        return Tasks.awaitOf(taskService, invoices, invoiceId, taskKey);
    }

    private String documentText(long invoiceId) {
        return jdbc.sql("""
                SELECT t.content FROM facteur.document_text t
                JOIN facteur.invoice_document d ON d.document_id = t.document_id
                WHERE d.invoice_id = :id AND d.role = 'MAIN'""").param("id", invoiceId).query(String.class).single();
    }

    private static byte[] corpus(String name) throws Exception {
        return Files.readAllBytes(Corpus.directory().resolve(name));
    }

    private static byte[] embeddedXml(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("factur-x.xml")
                    .getEmbeddedFile().toByteArray();
        }
    }
}
