package fr.facteur.workflow.statuspush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.chorus.ChorusClient;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.chorus.api.Factures.HistoStatut;
import fr.facteur.invoice.ChorusStep;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceClassifier;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.Payment;
import fr.facteur.support.ApplicationTest;
import fr.facteur.workflow.ChorusIncidentRetry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Status pushes of a real Chorus invoice against the emulator: sent once, refusals to a person. */
@ApplicationTest
class ChorusStatusPushIT {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private HistoryService history;
    @Autowired
    private TaskService tasks;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private ChorusClient chorus;
    @Autowired
    private ChorusReception reception;
    @Autowired
    private org.camunda.bpm.engine.ManagementService management;
    @Autowired
    private ChorusIncidentRetry incidentRetry;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private InvoiceClassifier classifier;

    @Test
    void aStatusIsSentOnceAndARefusalWaitsForAPerson() throws Exception {
        Invoice invoice = importOneInvoice();

        ProcessInstance first = push(invoice, "SERVICE_FAIT");
        awaitEnded(first);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(first.getId())
                .activityId("EndEvent_StatusPushed").count()).isEqualTo(1);
        assertThat(chorus.history(invoice.chorusId()).statutCourantCode()).isEqualTo("SERVICE_FAIT");
        assertThat(invoices.get(invoice.id()).chorusStatus()).isEqualTo("SERVICE_FAIT");

        ProcessInstance again = push(invoice, "SERVICE_FAIT");
        awaitEnded(again);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(again.getId())
                .variableName("chorusPushOutcome").singleResult().getValue()).isEqualTo("ALREADY_THERE");
        assertThat(chorus.history(invoice.chorusId()).historiquesDesStatuts().histoStatut())
                .extracting(HistoStatut::histoStatutCode).containsOnlyOnce("SERVICE_FAIT");

        ProcessInstance refused = push(invoice, "COMPLETEE");
        Task resolve = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceId(refused.getId()).taskDefinitionKey("Task_ResolveChorusRefusal").singleResult(),
                task -> task != null);
        assertThat(tasks.getVariable(resolve.getId(), "refusalCode")).isEqualTo(20002);
        tasks.complete(resolve.getId(), Map.of("resolution", "ABANDON"));
        awaitEnded(refused);
        assertThat(chorus.history(invoice.chorusId()).statutCourantCode()).isEqualTo("SERVICE_FAIT");
    }

    @Test
    void theValidatorsDecisionReachesChorusPro() throws Exception {
        Invoice approved = importOneInvoice();
        Invoice rejected = importOneInvoice();

        tasks.complete(validationTask(approved).getId(), Map.of("decision", "APPROVE"));
        tasks.complete(validationTask(rejected).getId(), Map.of("decision", "REJECT",
                "motif", "Facture adressée au mauvais service"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "SERVICE_FAIT".equals(chorus.history(approved.chorusId()).statutCourantCode())
                        && "REJETEE".equals(chorus.history(rejected.chorusId()).statutCourantCode()));
        assertThat(chorus.history(rejected.chorusId()).historiquesDesStatuts().histoStatut().get(0)
                .histoStatutCommentaire()).isEqualTo("Facture adressée au mauvais service");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "SERVICE_FAIT".equals(invoices.get(approved.id()).chorusStatus()));
        assertThat(invoices.get(approved.id()).status().name()).isEqualTo("VALIDATED");
        assertThat(invoices.get(rejected.id()).status().name()).isEqualTo("REJECTED");
        // the reform's lifecycle status of each: approved (205), refused by its recipient (210)
        await().atMost(Duration.ofSeconds(10)).until(() -> "REJETEE".equals(invoices.get(rejected.id()).chorusStatus()));
        assertThat(lifecycleStatus(approved)).isEqualTo(Map.of("code", "205", "label", "Approuvée"));
        assertThat(lifecycleStatus(rejected)).isEqualTo(Map.of("code", "210", "label", "Refusée"));

        // rejected, a final state: filed in the GED with its statuses, kept 10 years after the end of the year
        LocalDate keptUntil = LocalDate.of(LocalDate.now(java.time.ZoneId.of("Europe/Paris")).getYear() + 10, 12, 31);
        assertThat(invoices.retainUntil(rejected.id())).contains(keptUntil);
        assertThat(classifier.classification(invoices.get(rejected.id()))).isNotEmpty().allSatisfy(filed -> {
            assertThat(filed.metadata().get("status").asText()).isEqualTo("REJECTED");
            assertThat(filed.metadata().get("retainUntil").asText()).isEqualTo(keptUntil.toString());
            assertThat(filed.metadata().get("statuses").findValuesAsText("to")).contains("TO_VALIDATE", "REJECTED");
        });
        assertThat(invoices.retainUntil(approved.id())).as("not final yet").isEmpty();
    }

    /** {@code lifecycleStatus} of the invoice's JSON, as the API gives it. */
    private Map<?, ?> lifecycleStatus(Invoice invoice) throws Exception {
        JsonNode body = json.readTree(rest.withBasicAuth("demo", "demo")
                .getForObject("/api/invoices/" + invoice.id(), String.class));
        return json.convertValue(body.get("lifecycleStatus"), Map.class);
    }

    @Test
    void aDisputeSuspendsOnChorusProAndTheSuppliersCompletionBringsItBack() throws Exception {
        Invoice invoice = importOneInvoice();
        tasks.complete(validationTask(invoice).getId(), Map.of("decision", "DISPUTE",
                "motif", "Bon de livraison manquant"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "SUSPENDUE".equals(chorus.history(invoice.chorusId()).statutCourantCode()));
        assertThat(invoices.get(invoice.id()).status().name()).isEqualTo("DISPUTED");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.externalKey()).count()).isZero();

        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        demo.postForEntity("/emulator/control/invoices/" + invoice.chorusId() + "/status",
                Map.of("statut", "COMPLETEE", "commentaire", "Bon de livraison ajouté",
                        "utilisateurPrenom", "Paul", "utilisateurNom", "Durand"), String.class);
        demo.postForEntity("/api/chorus/releve", null, String.class);

        Task again = validationTask(invoice);
        // Chorus Pro's own history, read by the relève: every step with its author and comment
        await().atMost(Duration.ofSeconds(30)).until(() -> invoices.chorusSteps(invoice.id()).stream()
                .anyMatch(step -> step.status().equals("COMPLETEE")));
        assertThat(invoices.chorusSteps(invoice.id()))
                .extracting(ChorusStep::status, ChorusStep::author, ChorusStep::comment)
                .containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple("MISE_A_DISPOSITION", null, null),
                        org.assertj.core.groups.Tuple.tuple("SUSPENDUE", "Compte technique", "Bon de livraison manquant"),
                        org.assertj.core.groups.Tuple.tuple("COMPLETEE", "Paul Durand", "Bon de livraison ajouté"));
        assertThat(invoices.chorusSteps(invoice.id())).allSatisfy(step -> assertThat(step.passedAt()).isNotNull());
        assertThat(demo.getForObject("/apercu/factures/" + invoice.id(), String.class))
                .contains("Paul Durand (Chorus Pro)").contains("Bon de livraison ajouté");
        assertThat(json.readTree(demo.getForObject("/api/invoices/" + invoice.id() + "/chorus-history", String.class))
                .findValuesAsText("author")).contains("Compte technique", "Paul Durand");
        assertThat(again).isNotNull();
        assertThat(invoices.get(invoice.id()).chorusStatus()).isEqualTo("COMPLETEE");
        assertThat(invoices.get(invoice.id()).status().name()).isEqualTo("TO_VALIDATE");
        tasks.complete(again.getId(), Map.of("decision", "APPROVE"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "SERVICE_FAIT".equals(chorus.history(invoice.chorusId()).statutCourantCode()));
    }

    @Test
    void approvedThenMandatedThenPaidEveryStatusOnceOnChorusPro() throws Exception {
        Invoice byAccountant = importOneInvoice();
        Invoice byChorus = importOneInvoice();
        for (Invoice invoice : List.of(byAccountant, byChorus)) {
            tasks.complete(validationTask(invoice).getId(), Map.of("decision", "APPROVE"));
            tasks.complete(task(invoice, "Task_RecordMandate").getId(), Map.of("mandateNumber", "MDT-" + invoice.id()));
            task(invoice, "Task_RecordPayment");
            assertThat(chorus.history(invoice.chorusId()).statutCourantCode()).isEqualTo("MANDATEE");
        }

        tasks.complete(task(byAccountant, "Task_RecordPayment").getId(),
                Map.of("paymentDate", LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString()));
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        demo.postForEntity("/emulator/control/invoices/" + byChorus.chorusId() + "/status",
                Map.of("statut", "MISE_EN_PAIEMENT"), String.class);
        demo.postForEntity("/api/chorus/releve", null, String.class);

        for (Invoice invoice : List.of(byAccountant, byChorus)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey("InvoiceReception").processInstanceBusinessKey(invoice.externalKey())
                    .finished().count() == 1);
            assertThat(invoices.get(invoice.id()).status().name()).isEqualTo("PAID");
            // the délai global de paiement starts on the day Chorus Pro made the invoice available (its
            // dateDepot, the day before the emulator's invoices reach the relève), not on the relève's day
            LocalDate deposit = reception.read(invoice.chorusId()).depositDate();
            Invoice stored = invoices.get(invoice.id());
            assertThat(deposit).isBefore(stored.createdAt().atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).toLocalDate());
            assertThat(stored.madeAvailableOn()).isEqualTo(deposit);
            assertThat(stored.receivedOn()).isEqualTo(deposit);
            assertThat(invoices.payment(invoice.id())).get().satisfies(payment -> {
                assertThat(payment.dueOn()).isEqualTo(deposit.plusDays(30));
                assertThat(payment.lateInterest()).isEqualByComparingTo("0");
                // paid, a final state: filed, kept 10 years after the end of the year of its payment
                assertThat(invoices.retainUntil(invoice.id()))
                        .contains(LocalDate.of(payment.paidOn().getYear() + 10, 12, 31));
            });
            assertThat(classifier.classification(stored)).isNotEmpty().allSatisfy(filed ->
                    assertThat(filed.metadata().get("status").asText()).isEqualTo("PAID"));
            assertThat(chorus.history(invoice.chorusId()).historiquesDesStatuts().histoStatut())
                    .extracting(HistoStatut::histoStatutCode)
                    .containsOnlyOnce("SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT");
        }
        assertThat(chorus.history(byAccountant.chorusId()).historiquesDesStatuts().histoStatut().stream()
                .filter(h -> h.histoStatutCode().equals("MANDATEE")).findFirst().orElseThrow()
                .histoStatutCommentaire()).contains("MDT-" + byAccountant.id());

        // paid: "paiement transmis" (211) in the reform's lifecycle, in the API, the page and the evidence pack
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "MISE_EN_PAIEMENT".equals(invoices.get(byChorus.id()).chorusStatus()));
        assertThat(lifecycleStatus(byChorus)).isEqualTo(Map.of("code", "211", "label", "Paiement transmis"));
        assertThat(demo.getForObject("/apercu/factures/" + byChorus.id(), String.class))
                .contains("Cycle de vie : 211 Paiement transmis");
        byte[] pack = demo.getForObject("/api/invoices/" + byChorus.id() + "/evidence", byte[].class);
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(pack))) {
            for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("invoice.json")) {
                    assertThat(json.readTree(zip.readAllBytes()).at("/lifecycleStatus/code").asText()).isEqualTo("211");
                    return;
                }
            }
        }
        throw new AssertionError("no invoice.json in the evidence pack");
    }

    @Test
    void paidLateTheInterestIsAtTheEcbRateInForceOnTheFirstDayOfTheHalfYearItStartedIn() throws Exception {
        Invoice invoice = importOneInvoice();
        tasks.complete(validationTask(invoice).getId(), Map.of("decision", "APPROVE"));
        tasks.complete(task(invoice, "Task_RecordMandate").getId(), Map.of("mandateNumber", "MDT-" + invoice.id()));
        task(invoice, "Task_RecordPayment");
        // as if issued on 28 April 2025, made available by Chorus Pro on 1 May (due on 31 May, interest
        // runs from 1 June) and mandated on 8 July
        jdbc.sql("UPDATE facteur.invoice SET issue_date = DATE '2025-04-28', made_available_on = DATE '2025-05-01' "
                + "WHERE id = :id").param("id", invoice.id()).update();
        jdbc.sql("UPDATE facteur.invoice_status_history SET changed_at = TIMESTAMPTZ '2025-07-08 10:00+02' "
                + "WHERE invoice_id = :id").param("id", invoice.id()).update();
        tasks.complete(task(invoice, "Task_RecordPayment").getId(), Map.of("paymentDate", "2025-07-10"));

        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.payment(invoice.id()).isPresent());
        Payment payment = invoices.payment(invoice.id()).orElseThrow();
        assertThat(payment.dueOn()).isEqualTo(LocalDate.of(2025, 5, 31));
        // 40 days late at 3.15 % (the ECB rate on 1 January 2025; 2.40 was in force on 1 June, 2.15 on
        // the day of payment) + 8 points = 11.15 %
        BigDecimal ttc = invoices.get(invoice.id()).index().totalTtc();
        assertThat(payment.lateInterest()).isEqualByComparingTo(ttc.multiply(new BigDecimal("11.15"))
                .multiply(BigDecimal.valueOf(40))
                .divide(BigDecimal.valueOf(36_500), 2, RoundingMode.HALF_UP));
        assertThat(payment.lateInterest()).isPositive();
        assertThat(payment.lateFlatFee()).isEqualByComparingTo("40.00");
    }

    /**
     * A Chorus Pro outage longer than the retry cycle: the push ends as an incident (fast-forwarded
     * here: retries set to 0 after a real failed attempt), keeps failing while Chorus Pro is down,
     * and goes through by itself once it answers again — exactly once, without a person.
     */
    @Test
    void afterAnOutageTheStoppedPushResumesByItselfOnce() throws Exception {
        Invoice invoice = importOneInvoice();
        // the outage starts once the invoice waits for its validation (its document already fetched)
        Task validation = validationTask(invoice);
        String pushJobId = null;
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        demo.put("/emulator/control/faults", Map.of("serverErrorRate", 1.0, "tooManyRequestsRate", 0,
                "slowRate", 0, "slowDelayMillis", 0));
        try {
            tasks.complete(validation.getId(), Map.of("decision", "APPROVE"));
            Job push = await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery()
                    .processDefinitionKey("ChorusStatusPush").withException().list().stream()
                    .filter(job -> invoice.id() == ((Number) runtime.getVariable(job.getExecutionId(), "invoiceId"))
                            .longValue()).findFirst().orElse(null), job -> job != null);
            pushJobId = push.getId();
            management.setJobRetries(push.getId(), 0); // the retry cycle is over: an incident
            assertThat(runtime.createIncidentQuery().configuration(push.getId()).count()).isEqualTo(1);

            // still down: tried again, fails again, and stays visible
            assertThat(incidentRetry.retryChorusIncidents()).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createIncidentQuery()
                    .configuration(push.getId()).count() == 1);
        } finally {
            demo.put("/emulator/control/faults", Map.of("serverErrorRate", 0, "tooManyRequestsRate", 0,
                    "slowRate", 0, "slowDelayMillis", 0));
        }
        // Chorus Pro answers again: the next sweep resumes the push
        incidentRetry.retryChorusIncidents();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "SERVICE_FAIT".equals(chorus.history(invoice.chorusId()).statutCourantCode()));
        assertThat(chorus.history(invoice.chorusId()).historiquesDesStatuts().histoStatut())
                .extracting(HistoStatut::histoStatutCode).containsOnlyOnce("SERVICE_FAIT");
        String jobId = pushJobId;
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createIncidentQuery().configuration(jobId).count() == 0
                && management.createJobQuery().jobId(jobId).count() == 0);
    }

    private Task task(Invoice invoice, String definitionKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(invoice.externalKey()).taskDefinitionKey(definitionKey).singleResult(),
                task -> task != null);
    }

    private Task validationTask(Invoice invoice) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(invoice.externalKey()).taskDefinitionKey("Task_ValidateInvoice")
                .singleResult(), task -> task != null);
    }

    private ProcessInstance push(Invoice invoice, String target) {
        return runtime.startProcessInstanceByKey("ChorusStatusPush", invoice.externalKey(), Map.of(
                "invoiceId", invoice.id(), "channel", "CHORUS", "targetStatus", target));
    }

    private void awaitEnded(ProcessInstance instance) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).finished().count() == 1);
    }

    private Invoice importOneInvoice() throws Exception {
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        long idFacture = json.readTree(demo.postForEntity("/emulator/control/invoices", Map.of("count", 1),
                String.class).getBody()).get("idFactures").get(0).asLong();
        demo.postForEntity("/api/chorus/releve", null, String.class);
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> invoices.findByExternalKey("CHORUS:" + idFacture).orElse(null), found -> found != null);
    }
}
