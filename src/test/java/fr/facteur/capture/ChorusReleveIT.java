package fr.facteur.capture;

import fr.facteur.support.Tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.DocumentRole;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The relève against the emulator: every invoice once, status changes mirrored, faults survived. */
@ApplicationTest
class ChorusReleveIT {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private HistoryService history;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService management;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private TaskService tasks;
    @Autowired
    private fr.facteur.invoice.InvoiceExtractions extractions;

    @AfterEach
    void noFaults() {
        demo().put("/emulator/control/faults", Map.of("serverErrorRate", 0, "tooManyRequestsRate", 0, "slowRate", 0,
                "slowDelayMillis", 0));
    }

    @Test
    void importsEveryInvoiceOnceWithItsDocumentAndProcess() throws Exception {
        newEmulatorInvoices(3);
        runReleve();

        long received = emulatorReceivedCount();
        assertThat(chorusInvoices()).isEqualTo(received);
        List<Invoice> imported = jdbc.sql("SELECT id FROM facteur.invoice WHERE channel = 'CHORUS'")
                .query(Long.class).list().stream().map(invoices::get).toList();
        assertThat(imported).allSatisfy(invoice -> {
            assertThat(invoice.externalKey()).isEqualTo("CHORUS:" + invoice.chorusId());
            assertThat(invoice.index().invoiceNumber()).isNotBlank();
            assertThat(invoice.index().supplierSiret()).hasSize(14);
            assertThat(invoice.index().totalTtc()).isPositive();
            assertThat(invoice.chorusStatus()).isNotBlank();
            assertThat(invoices.documents(invoice.id())).filteredOn(d -> d.role() == DocumentRole.MAIN).singleElement()
                    .satisfies(d -> assertThat(d.mediaType()).isEqualTo("application/pdf"));
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice.externalKey())
                    .processDefinitionKey("InvoiceReception").count()
                    + history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(invoice.externalKey())
                    .processDefinitionKey("InvoiceReception").finished().count()).isEqualTo(1);
        });

        // A second relève finds nothing new.
        long processes = history.createHistoricProcessInstanceQuery().processDefinitionKey("InvoiceReception").count();
        runReleve();
        assertThat(chorusInvoices()).isEqualTo(received);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("InvoiceReception").count())
                .isEqualTo(processes);
    }

    /** The default data shows a purchase-order match: a seeded Chorus invoice carries demo order EJ2025-0003. */
    @Test
    void theSeededInvoiceOfADemoOrderIsMatchedToIt() throws Exception {
        runReleve();
        Invoice invoice = invoices.get(jdbc.sql("""
                        SELECT id FROM facteur.invoice WHERE channel = 'CHORUS' AND purchase_order_reference = 'EJ2025-0003'""")
                .query(Long.class).single());
        assertThat(invoice.index().supplierSiret()).isEqualTo("51234567800019");
        // read from the history: another test may already have decided on it
        String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(invoice.externalKey())
                .processDefinitionKey("InvoiceReception").singleResult().getId();
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance).variableName("matchOutcome").count() == 1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("matchOutcome")
                .singleResult().getValue()).isEqualTo("MATCHED_BY_NUMBER");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("matchedOrder")
                .singleResult().getValue()).isEqualTo("EJ2025-0003");
    }

    @Test
    void invoicesAlreadyHandledOnChorusProEnterWhereTheirStatusPutsThemAndNothingIsSentAgain() throws Exception {
        runReleve();
        Map<String, String> expected = Map.of("SERVICE_FAIT", "VALIDATED", "MANDATEE", "MANDATED",
                "SUSPENDUE", "DISPUTED", "REJETEE", "REJECTED", "MISE_EN_PAIEMENT", "PAID");
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            // The twelve seeded invoices (numbers ending 00001 to 00012) arrive with these statuses; other
            // tests' emulator invoices have other numbers, which the plan may read before the join.
            Long id = jdbc.sql("""
                    SELECT i.id FROM facteur.invoice i
                    JOIN chorus_emulator.facture f ON f.id_facture = i.chorus_id
                    JOIN facteur.invoice_chorus_status_history h ON h.invoice_id = i.id AND h.from_status IS NULL
                    WHERE CASE WHEN right(f.numero, 5) ~ '^[0-9]{5}$' THEN CAST(right(f.numero, 5) AS INT) END <= 12
                    AND h.to_status = :status
                    ORDER BY i.id LIMIT 1""")
                    .param("status", entry.getKey()).query(Long.class).single();
            Invoice invoice = invoices.get(id);
            String key = invoice.externalKey();
            await().atMost(Duration.ofSeconds(30)).until(() -> invoices.get(id).status().name().equals(entry.getValue()));
            switch (entry.getKey()) {
                case "SERVICE_FAIT" -> assertThat(awaitTask(key)).isEqualTo("Task_RecordMandate");
                case "MANDATEE" -> assertThat(awaitTask(key)).isEqualTo("Task_RecordPayment");
                case "SUSPENDUE" -> assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key)
                        .processDefinitionKey("InvoiceReception").count()).isEqualTo(1);
                default -> assertThat(history.createHistoricActivityInstanceQuery().activityId("EndEvent_InvoiceArchived")
                        .processInstanceId(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
                                .processDefinitionKey("InvoiceReception").singleResult().getId()).count()).isEqualTo(1);
            }
            assertThat(jdbc.sql("SELECT count(*) FROM chorus_emulator.historique WHERE id_facture = :id")
                    .param("id", invoice.chorusId()).query(Long.class).single())
                    .as("nothing sent to Chorus Pro for %s", entry.getKey()).isEqualTo(1);
        }
    }

    private String awaitTask(String businessKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(businessKey).singleResult(), task -> task != null).getTaskDefinitionKey();
    }

    @Test
    void mirrorsAStatusChangedOnChorusPro() throws Exception {
        long idFacture = newEmulatorInvoices(1).get(0);
        runReleve();
        Invoice invoice = invoices.findByExternalKey("CHORUS:" + idFacture).orElseThrow();
        assertThat(invoice.chorusStatus()).isEqualTo("MISE_A_DISPOSITION");

        demo().postForEntity("/emulator/control/invoices/" + idFacture + "/status",
                Map.of("statut", "MISE_EN_PAIEMENT"), String.class);
        runReleve();

        assertThat(invoices.get(invoice.id()).chorusStatus()).isEqualTo("MISE_EN_PAIEMENT");
        assertThat(invoices.chorusHistory(invoice.id())).extracting(c -> c.to())
                .containsExactly("MISE_A_DISPOSITION", "MISE_EN_PAIEMENT");
    }

    @Test
    void theFilesDepositedWithAnInvoiceArriveWithItOnce() throws Exception {
        long idFacture = newEmulatorInvoices(1).get(0);
        byte[] deliveryNote = fr.facteur.support.TestDocuments.pdf("Bon de livraison BL-778", "Livré le 02/12/2026");
        // deposited with the invoice, as a complementary attachment (type 02)
        demo().postForEntity("/emulator/control/invoices/" + idFacture + "/status", Map.of("statut",
                "MISE_A_DISPOSITION", "pieceJointeNom", "bon-livraison-BL-778.pdf", "pieceJointeFichier", deliveryNote),
                String.class);
        runReleve();

        Invoice invoice = invoices.findByExternalKey("CHORUS:" + idFacture).orElseThrow();
        assertThat(invoices.documents(invoice.id())).hasSize(3)
                .anySatisfy(d -> assertThat(d.role().name()).isEqualTo("MAIN"))
                .anySatisfy(d -> assertThat(d.filename()).isEqualTo("chorus-" + idFacture + "-pivot.xml"))
                .anySatisfy(d -> {
                    assertThat(d.role().name()).isEqualTo("ATTACHMENT");
                    assertThat(d.filename()).endsWith("bon-livraison-BL-778.pdf");
                });
        assertThat(rest.withBasicAuth("demo", "demo").getForObject("/api/documents/"
                + invoices.documents(invoice.id()).stream().filter(d -> d.role().name().equals("ATTACHMENT"))
                .findFirst().orElseThrow().documentId(), byte[].class)).isEqualTo(deliveryNote);

        runReleve();
        assertThat(invoices.documents(invoice.id())).as("exactly once (the invoice, the note, the PIVOT)").hasSize(3);
    }

    @Test
    void theInvoicesPivotFileIsReadAndWhatItSaysDifferentlyIsShownToTheValidator() throws Exception {
        List<Long> ids = newEmulatorInvoices(2);
        demo().postForEntity("/emulator/control/invoices/" + ids.get(1) + "/pivot", Map.of("montantTtc", 1.23),
                String.class);
        runReleve();
        Invoice agreeing = invoices.findByExternalKey("CHORUS:" + ids.get(0)).orElseThrow();
        Invoice differing = invoices.findByExternalKey("CHORUS:" + ids.get(1)).orElseThrow();
        for (Invoice invoice : List.of(agreeing, differing)) {
            assertThat(invoices.documents(invoice.id())).anySatisfy(d -> {
                assertThat(d.filename()).isEqualTo("chorus-" + invoice.chorusId() + "-pivot.xml");
                assertThat(d.role().name()).isEqualTo("ATTACHMENT");
            });
            assertThat(extractions.find(invoice.id())).get()
                    .satisfies(reading -> assertThat(reading.source()).isEqualTo("PIVOT"));
        }
        assertThat(checkProblems(agreeing)).doesNotContain("PIVOT");
        assertThat(checkProblems(differing)).contains("le total TTC").contains("« 1.23 » dans son fichier PIVOT");
        // Chorus Pro's data stay the invoice's
        assertThat(invoices.get(differing.id()).index().totalTtc()).isNotEqualByComparingTo("1.23");
    }

    /** The check problems the validator sees on "Valider la facture". */
    private String checkProblems(Invoice invoice) {
        org.camunda.bpm.engine.task.Task task = await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(invoice.externalKey()).taskDefinitionKey("Task_ValidateInvoice")
                .singleResult(), found -> found != null);
        return (String) tasks.getVariable(task.getId(), "checkProblems");
    }

    @Test
    void withThirtyPercentFaultsEveryInvoiceStillArrivesExactlyOnce() throws Exception {
        List<Long> created = newEmulatorInvoices(15);
        demo().put("/emulator/control/faults", Map.of("serverErrorRate", 0.2, "tooManyRequestsRate", 0.1,
                "slowRate", 0, "slowDelayMillis", 0));
        runReleve();
        noFaults();

        for (long idFacture : created) {
            assertThat(jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE external_key = :key")
                    .param("key", "CHORUS:" + idFacture).query(Long.class).single()).as("invoice %d", idFacture)
                    .isEqualTo(1);
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("CHORUS:" + idFacture)
                    .processDefinitionKey("InvoiceReception").count()).isEqualTo(1);
        }
        assertThat(chorusInvoices()).isEqualTo(emulatorReceivedCount());
    }

    /**
     * The whole circuit for 30 invoices: one relève brings 30 validation tasks; a third of them
     * approved (then mandated and paid), a third disputed (then completed by the supplier and
     * approved), a third rejected — with 30 % of the Chorus Pro calls failing meanwhile; at the end
     * the emulator shows every expected status exactly once, with the motifs.
     */
    @Test
    void thirtyInvoicesFromTheReleveToTheirLastStatusOnChorusPro() throws Exception {
        List<Long> ids = newEmulatorInvoices(30);
        runReleve();
        long imported = chorusInvoices();
        runReleve();
        assertThat(chorusInvoices()).as("a second relève imports nothing new").isEqualTo(imported);
        for (long id : ids) {
            awaitTaskOf(id, "Task_ValidateInvoice");
        }

        long failedAttemptsBefore = history.createHistoricJobLogQuery().failureLog().count();
        long incidentsBefore = history.createHistoricIncidentQuery().count();
        demo().put("/emulator/control/faults", Map.of("serverErrorRate", 0.2, "tooManyRequestsRate", 0.1,
                "slowRate", 0, "slowDelayMillis", 0));
        for (int i = 0; i < 30; i++) {
            Task task = awaitTaskOf(ids.get(i), "Task_ValidateInvoice");
            switch (i / 10) {
                case 0 -> tasks.complete(task.getId(), Map.of("decision", "APPROVE"));
                case 1 -> tasks.complete(task.getId(), Map.of("decision", "DISPUTE", "motif", "Bon de livraison manquant"));
                default -> tasks.complete(task.getId(), Map.of("decision", "REJECT", "motif", "Montant erroné"));
            }
        }
        for (int i = 0; i < 10; i++) {
            tasks.complete(awaitTaskOf(ids.get(i), "Task_RecordMandate").getId(), Map.of("mandateNumber", "MDT-" + i));
        }
        for (int i = 0; i < 10; i++) {
            tasks.complete(awaitTaskOf(ids.get(i), "Task_RecordPayment").getId(), Map.of("paymentDate",
                    LocalDate.now(ZoneId.of("Europe/Paris")).toString()));
        }
        for (int i = 10; i < 20; i++) {
            long id = ids.get(i);
            await().atMost(Duration.ofSeconds(60)).until(() -> emulatorStatuses(id).contains("SUSPENDUE"));
            demo().postForEntity("/emulator/control/invoices/" + id + "/status",
                    Map.of("statut", "COMPLETEE", "commentaire", "Bon de livraison ajouté",
                            "pieceJointeNom", "bon-livraison-" + i + ".pdf",
                            "pieceJointeFichier", TestDocuments.invoicePdf("BL-" + i)), String.class);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> ids.stream().limit(10)
                .allMatch(id -> emulatorStatuses(id).contains("MISE_EN_PAIEMENT"))
                && ids.stream().skip(20).allMatch(id -> emulatorStatuses(id).contains("REJETEE")));
        noFaults();
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().withException().count() == 0);
        // transient faults are absorbed inside the steps: no incident, few failed job attempts
        long failedAttempts = history.createHistoricJobLogQuery().failureLog().count() - failedAttemptsBefore;
        System.out.println("CHORUS FAULTS: failed job attempts under 30 % faults: " + failedAttempts);
        assertThat(history.createHistoricIncidentQuery().count()).as("incidents").isEqualTo(incidentsBefore);

        runReleve(); // sees COMPLETEE: the disputed invoices come back to validation
        for (int i = 10; i < 20; i++) {
            tasks.complete(awaitTaskOf(ids.get(i), "Task_ValidateInvoice").getId(), Map.of("decision", "APPROVE"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().skip(10).limit(10)
                .allMatch(id -> emulatorStatuses(id).contains("SERVICE_FAIT")));
        for (int i = 10; i < 20; i++) {
            String name = "bon-livraison-" + i + ".pdf";
            Invoice completed = invoices.findByExternalKey("CHORUS:" + ids.get(i)).orElseThrow();
            assertThat(invoices.documents(completed.id())).as("the supplier's added file is grouped with the invoice")
                    .anyMatch(d -> d.role() == DocumentRole.ATTACHMENT && d.filename().endsWith(name));
        }

        for (int i = 0; i < 30; i++) {
            long id = ids.get(i);
            List<String> sent = emulatorStatuses(id).subList(1, emulatorStatuses(id).size());
            switch (i / 10) {
                case 0 -> assertThat(sent).as("invoice %d", id).containsExactly("SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT");
                case 1 -> assertThat(sent).as("invoice %d", id).containsExactly("SUSPENDUE", "COMPLETEE", "SERVICE_FAIT");
                default -> assertThat(sent).as("invoice %d", id).containsExactly("REJETEE");
            }
            assertThat(jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE external_key = :key")
                    .param("key", "CHORUS:" + id).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(emulatorComment(ids.get(15), "SUSPENDUE")).isEqualTo("Bon de livraison manquant");
        assertThat(emulatorComment(ids.get(25), "REJETEE")).isEqualTo("Montant erroné");
    }

    private Task awaitTaskOf(long idFacture, String taskKey) {
        return Tasks.await(tasks, "CHORUS:" + idFacture, taskKey);
    }

    private List<String> emulatorStatuses(long idFacture) {
        return jdbc.sql("SELECT statut FROM chorus_emulator.historique WHERE id_facture = :id ORDER BY id")
                .param("id", idFacture).query(String.class).list();
    }

    private String emulatorComment(long idFacture, String status) {
        return jdbc.sql("SELECT commentaire FROM chorus_emulator.historique WHERE id_facture = :id AND statut = :status")
                .param("id", idFacture).param("status", status).query(String.class).single();
    }

    /** Runs a relève, then waits until every Chorus invoice has fetched its document. */
    private void runReleve() throws Exception {
        ResponseEntity<String> started = demo().postForEntity("/api/chorus/releve", null, String.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = json.readTree(started.getBody()).get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1
                        && withoutDocument() == 0);
        assertThat(management.createJobQuery().withException().count()).isZero();
    }

    private long withoutDocument() {
        return jdbc.sql("""
                SELECT count(*) FROM facteur.invoice i WHERE i.channel = 'CHORUS'
                AND NOT EXISTS (SELECT 1 FROM facteur.invoice_document d WHERE d.invoice_id = i.id)""")
                .query(Long.class).single();
    }

    private List<Long> newEmulatorInvoices(int count) throws Exception {
        JsonNode created = json.readTree(demo().postForEntity("/emulator/control/invoices", Map.of("count", count),
                String.class).getBody());
        return json.convertValue(created.get("idFactures"),
                json.getTypeFactory().constructCollectionType(List.class, Long.class));
    }

    private long chorusInvoices() {
        return jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE channel = 'CHORUS'").query(Long.class).single();
    }

    /** Invoices the emulator's technical account receives, all within the 30-day look-back. */
    private long emulatorReceivedCount() {
        return jdbc.sql("""
                SELECT count(*) FROM chorus_emulator.facture f
                JOIN chorus_emulator.structure s ON s.id_structure_cpp = f.id_destinataire
                WHERE s.compte_destinataire""").query(Long.class).single();
    }

    private TestRestTemplate demo() {
        return rest.withBasicAuth("demo", "demo");
    }
}
