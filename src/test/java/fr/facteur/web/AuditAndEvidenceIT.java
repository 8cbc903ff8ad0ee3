package fr.facteur.web;

import fr.facteur.support.Tasks;
import static fr.facteur.support.Uploads.addDocument;
import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.archive.Classification;
import fr.facteur.archive.Sha256;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceClassifier;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail, the GED filing and the evidence pack, along one invoice that a person indexes,
 * that gets a supporting document and that a validator approves.
 */
@ApplicationTest
class AuditAndEvidenceIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceAudit audit;
    @Autowired
    private InvoiceClassifier classifier;
    @Autowired
    private TaskService taskService;
    @Autowired
    private IdentityService identityService;

    private TestRestTemplate demo;

    @BeforeEach
    void logIn() {
        demo = anonymous.withBasicAuth("demo", "demo");
    }

    @Test
    void everyActionIsTrailedFiledAndPackedAsEvidence() throws Exception {
        // a document without invoice data: an accountant types the fields
        long id = uploaded(TestDocuments.pdf("Compte rendu de la reunion du service courrier",
                "Ordre du jour : rangement des archives"), "courrier.pdf");
        Task indexing = awaitTask(id, "Task_CompleteIndexing");
        identityService.setAuthentication("comptable", List.of("comptables"));
        try {
            taskService.complete(indexing.getId(), Map.of("supplierName", "Imprimerie Audit", "supplierSiret",
                    "732 829 320 00074", "invoiceNumber", "F-2025-AUDIT", "issueDate", "2025-04-02", "currency", "EUR",
                    "totalHt", 500, "totalTva", 100, "totalTtc", 600));
        } finally {
            identityService.clearAuthentication();
        }
        Task validation = awaitTask(id, "Task_ValidateInvoice");

        // a supporting document added by a person, then the same bytes again
        byte[] deliveryNote = "Bon de livraison n° BL-42 : 500 enveloppes livrées le 01/04/2025.\n"
                .getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> added = addDocument(demo, id, deliveryNote, "bon-de-livraison.txt");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(added.getBody()).get("role").asText()).isEqualTo("ATTACHMENT");
        assertThat(addDocument(demo, id, deliveryNote, "encore.txt").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(invoices.documents(id)).hasSize(2);
        assertThat(classifier.classification(invoices.get(id))).as("filed on validation only").isEmpty();

        // the validator approves through the engine REST API, as Tasklist does
        ResponseEntity<String> completed = complete(anonymous.withBasicAuth("valideur", "valideur"), validation.getId());
        assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> invoices.get(id).status() != InvoiceStatus.TO_VALIDATE);
        Invoice invoice = invoices.get(id);
        assertThat(invoice.status()).isIn(InvoiceStatus.VALIDATED, InvoiceStatus.MANDATED);

        // the trail, oldest first, with who did what
        JsonNode trail = json.readTree(demo.getForObject("/api/invoices/" + id + "/audit", String.class));
        assertThat(entry(trail, "INTAKE").get("actor").asText()).isEqualTo("demo");
        assertThat(entry(trail, "EXTRACTION").get("summary").asText()).startsWith("Document lu");
        JsonNode correction = entries(trail, "FIELD_CHANGED").stream()
                .filter(e -> e.at("/details/field").asText().equals("invoiceNumber")).findFirst().orElseThrow();
        assertThat(correction.get("actor").asText()).isEqualTo("comptable");
        assertThat(correction.at("/details/old").isNull()).isTrue();
        assertThat(correction.at("/details/new").asText()).isEqualTo("F-2025-AUDIT");
        assertThat(entries(trail, "DOCUMENT_ADDED")).as("the second upload of the same bytes adds nothing")
                .extracting(e -> e.get("actor").asText()).containsExactly("demo");
        JsonNode decision = entry(trail, "DECISION");
        assertThat(decision.get("actor").asText()).isEqualTo("valideur");
        assertThat(decision.at("/details/decision").asText()).isEqualTo("APPROVE");
        assertThat(entries(trail, "STATUS_CHANGED")).anyMatch(e -> e.at("/details/to").asText().equals("VALIDATED")
                && e.get("actor").asText().equals("valideur"));
        assertThat(entry(trail, "CLASSIFIED").get("actor").asText()).isEqualTo("valideur");
        assertThat(ids(trail)).isSorted();

        // filed in the GED: both documents, one dossier, with the metadata of the confirmed invoice
        List<Classification> filed = classifier.classification(invoice);
        assertThat(filed).extracting(Classification::documentId)
                .containsExactlyInAnyOrderElementsOf(invoices.documents(id).stream().map(InvoiceDocument::documentId).toList());
        assertThat(filed).extracting(Classification::category).containsExactlyInAnyOrder("Facture", "Pièce jointe");
        JsonNode metadata = filed.get(0).metadata();
        assertThat(metadata.get("invoiceNumber").asText()).isEqualTo("F-2025-AUDIT");
        assertThat(metadata.get("supplierSiret").asText()).isEqualTo("73282932000074");
        assertThat(metadata.get("totalTtc").decimalValue()).isEqualByComparingTo("600");
        assertThat(metadata.get("channel").asText()).isEqualTo("UPLOAD");
        assertThat(metadata.get("status").asText()).isEqualTo(invoices.get(id).status().name());

        // the evidence pack: every file listed in the manifest with a SHA-256 that verifies
        ResponseEntity<byte[]> pack = demo.getForEntity("/api/invoices/" + id + "/evidence", byte[].class);
        assertThat(pack.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pack.getHeaders().getContentDisposition().getFilename()).isEqualTo("dossier-preuve-facture-" + id + ".zip");
        Map<String, byte[]> files = unzip(pack.getBody());
        JsonNode manifest = json.readTree(files.remove("manifest.json"));
        assertThat(manifest.get("invoiceId").asLong()).isEqualTo(id);
        assertThat(manifest.get("generatedBy").asText()).isEqualTo("demo");
        Set<String> listed = new HashSet<>();
        for (JsonNode file : manifest.get("files")) {
            String path = file.get("path").asText();
            listed.add(path);
            assertThat(files).containsKey(path);
            assertThat(Sha256.hex(files.get(path))).as(path).isEqualTo(file.get("sha256").asText());
            assertThat(files.get(path).length).isEqualTo(file.get("size").asInt());
        }
        assertThat(listed).isEqualTo(files.keySet());
        assertThat(listed).contains("invoice.json", "status-history.json", "audit-trail.json", "process-history.json");
        for (InvoiceDocument document : invoices.documents(id)) {
            assertThat(files.entrySet()).as("document %s, bytes as at intake", document.documentId())
                    .anyMatch(file -> file.getKey().startsWith("documents/" + document.documentId() + "-")
                            && Sha256.hex(file.getValue()).equals(document.sha256()));
        }
        JsonNode process = json.readTree(files.get("process-history.json")).get(0);
        assertThat(process.get("businessKey").asText()).isEqualTo(invoice.externalKey());
        assertThat(process.get("activities")).anyMatch(a -> a.get("activityId").asText().equals("Task_ValidateInvoice"));
        assertThat(process.get("userOperations")).anyMatch(op -> op.get("operationType").asText().equals("Complete")
                && op.get("userId").asText().equals("valideur"));
        assertThat(json.readTree(files.get("audit-trail.json"))).anyMatch(e -> e.get("action").asText().equals("DECISION"));
        assertThat(audit.trail(id)).last().extracting(e -> e.action()).isEqualTo(AuditAction.EVIDENCE_EXPORTED);
    }

    @Test
    void theApplicationsRoleCannotChangeOrRemoveAnAuditLineNorDisableTheTrigger() {
        long id = uploaded(TestDocuments.invoicePdf("F-2025-APPEND-ONLY"), "append-only.pdf");
        long line = audit.trail(id).get(0).id();

        // the application connects as a role that may only add lines, and owns no table
        for (String sql : List.of("UPDATE facteur.invoice_audit SET actor = 'quelqu''un d''autre' WHERE id = " + line,
                "DELETE FROM facteur.invoice_audit WHERE id = " + line, "TRUNCATE facteur.invoice_audit",
                "ALTER TABLE facteur.invoice_audit DISABLE TRIGGER trg_invoice_audit_no_update",
                "SET session_replication_role = replica")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageMatching("(?s).*(permission denied|must be owner|droit refusé|doit être le propriétaire).*");
        }
        assertThat(jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE pg_get_userbyid(c.relowner) = current_user AND n.nspname IN ('public', 'facteur', 'chorus_emulator')""")
                .query(Long.class).single()).isZero();
        // the owner itself is refused by the trigger
        assertThatThrownBy(() -> asOwner(owner -> owner.execute("DELETE FROM facteur.invoice_audit WHERE id = " + line)))
                .hasMessageContaining("ajout seul");
        assertThat(audit.trail(id).get(0).actor()).isEqualTo("demo");
        assertThat(audit.verifyChain(id).intact()).isTrue();
    }

    @Test
    void anEditMadeAnywayBreaksTheHashChainAndTheEvidencePackSaysWhere() throws Exception {
        long id = uploaded(TestDocuments.invoicePdf("F-2025-CHAIN"), "chain.pdf");
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.trail(id).size() >= 2);
        InvoiceAudit.ChainVerification intact = audit.verifyChain(id);
        assertThat(intact.intact()).as(intact.problems().toString()).isTrue();
        long first = audit.trail(id).get(0).id();

        // someone with the owner's rights disables the triggers and rewrites a line
        asOwner(owner -> {
            owner.execute("SET session_replication_role = replica");
            owner.execute("UPDATE facteur.invoice_audit SET actor = 'personne' WHERE id = " + first);
        });

        InvoiceAudit.ChainVerification broken = audit.verifyChain(id);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.problems()).anyMatch(p -> p.startsWith("Ligne " + first + " "));
        ResponseEntity<byte[]> pack = demo.getForEntity("/api/invoices/" + id + "/evidence", byte[].class);
        Map<String, byte[]> files = unzip(pack.getBody());
        JsonNode manifest = json.readTree(files.get("manifest.json"));
        assertThat(manifest.at("/auditChain/intact").asBoolean()).isFalse();
        assertThat(json.readTree(files.get("audit-chain.json")).get("problems").toString()).contains("Ligne " + first);
    }

    private void asOwner(SqlWork work) throws Exception {
        try (java.sql.Connection owner = java.sql.DriverManager.getConnection(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
             java.sql.Statement statement = owner.createStatement()) {
            work.run(statement);
        }
    }

    private interface SqlWork {
        void run(java.sql.Statement statement) throws Exception;
    }

    @Test
    void aSupportingDocumentThatCannotBeKeptIsRefusedWithAReason() throws Exception {
        long id = uploaded(TestDocuments.invoicePdf("F-2025-PIECES"), "pieces.pdf");
        int before = invoices.documents(id).size();

        ResponseEntity<String> empty = addDocument(demo, id, new byte[0], "vide.pdf");
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(empty.getBody()).get("detail").asText()).contains("vide.pdf", "vide");
        ResponseEntity<String> binary = addDocument(demo, id, new byte[] {0x4d, 0x5a, (byte) 0x90, 0, 3, 0, 0, 0}, "outil.exe");
        assertThat(binary.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(addDocument(demo, 999_999_999L, "texte".getBytes(StandardCharsets.UTF_8), "a.txt").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(addDocument(anonymous, id, "texte".getBytes(StandardCharsets.UTF_8), "a.txt").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(invoices.documents(id)).hasSize(before);
        assertThat(audit.trail(id)).noneMatch(e -> e.action() == AuditAction.DOCUMENT_ADDED
                && e.details().path("role").asText().equals("ATTACHMENT"));
    }

    @Test
    void anAlteredDocumentStopsTheEvidencePack() {
        long id = uploaded(TestDocuments.invoicePdf("F-2025-ALTERE"), "altere.pdf");
        awaitTask(id, "Task_ValidateInvoice");
        long documentId = invoices.mainDocumentId(id).orElseThrow();
        jdbc.sql("UPDATE facteur.document SET content = decode('255044462d312e370a', 'hex') WHERE id = :id")
                .param("id", documentId).update();

        ResponseEntity<String> response = demo.getForEntity("/api/invoices/" + id + "/evidence", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody()).contains("Document altéré");
        assertThat(audit.trail(id)).noneMatch(e -> e.action() == AuditAction.EVIDENCE_EXPORTED);
    }

    private long uploaded(byte[] bytes, String filename) {
        ResponseEntity<String> response = upload(demo, bytes, filename);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        try {
            return json.readTree(response.getBody()).get("id").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Task awaitTask(long invoiceId, String taskKey) {
        return Tasks.awaitOf(taskService, invoices, invoiceId, taskKey);
    }

    private static ResponseEntity<String> complete(TestRestTemplate client, String taskId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> body = Map.of("variables", Map.of("decision", Map.of("value", "APPROVE")));
        return client.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    private static List<JsonNode> entries(JsonNode trail, String action) {
        List<JsonNode> found = new ArrayList<>();
        trail.forEach(entry -> {
            if (entry.get("action").asText().equals(action)) {
                found.add(entry);
            }
        });
        return found;
    }

    private static JsonNode entry(JsonNode trail, String action) {
        List<JsonNode> found = entries(trail, action);
        assertThat(found).as("trail has %s", action).isNotEmpty();
        return found.get(0);
    }

    private static List<Long> ids(JsonNode trail) {
        List<Long> ids = new ArrayList<>();
        trail.forEach(entry -> ids.add(entry.get("id").asLong()));
        return ids;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
