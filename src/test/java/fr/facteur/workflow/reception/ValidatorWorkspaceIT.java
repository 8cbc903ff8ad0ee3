package fr.facteur.workflow.reception;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.Tasks;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What a validator and an accountant see of their tasks: which invoice each one is (number,
 * supplier, amount, deadline), tasks sorted by the délai global de paiement, and a payment date
 * that cannot be right refused with its reason.
 */
@ApplicationTest
class ValidatorWorkspaceIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private TaskService tasks;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceDeadlines deadlines;
    @Autowired
    private ObjectMapper json;

    @Test
    void eachTaskSaysWhichInvoiceItIsAndIsDueWhenItsPaymentDeadlineEnds() throws Exception {
        long id = uploaded("WS-7001", "Papeterie Durand SARL - SIRET 732 829 320 00074", "1 070,46");
        Task task = Tasks.awaitOf(tasks, invoices, id, "Task_ValidateInvoice");
        Invoice invoice = invoices.get(id);
        LocalDate dueOn = deadlines.of(invoice).dueOn();

        assertThat(task.getName()).isEqualTo("Valider la facture — WS-7001 · " + invoice.index().supplierName()
                + " · 1 070,46 €");
        assertThat(task.getDescription()).contains("Facture WS-7001", "1 070,46 € TTC",
                "délai global de paiement : " + dueOn.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(task.getDueDate()).isEqualTo(Date.from(dueOn.atTime(LocalTime.MAX).atZone(PARIS).toInstant()));
        assertThat((String) tasks.getVariableLocal(task.getId(), "readingNotes"))
                .contains("texte du PDF", "montants cohérents (HT + TVA = TTC)", "SIRET du fournisseur valide");

        // the group's list sorted by due date, as Tasklist asks for it: every task has one, in order
        JsonNode list = json.readTree(rest.withBasicAuth("valideur", "valideur").getForObject(
                "/engine-rest/task?candidateGroup=valideurs&sortBy=dueDate&sortOrder=asc&maxResults=200", String.class));
        List<String> dues = new ArrayList<>();
        list.forEach(row -> dues.add(row.get("due").asText(null)));
        assertThat(dues).isNotEmpty().doesNotContainNull().isSorted();
        assertThat(list.findValuesAsText("name")).contains(task.getName());
    }

    @Test
    void eachGroupHasItsFiltersTheMostUrgentFirst() throws Exception {
        long id = uploaded("WS-7003", "Papeterie Durand SARL - SIRET 732 829 320 00074", "3 690,00");
        Task task = Tasks.awaitOf(tasks, invoices, id, "Task_ValidateInvoice");
        TestRestTemplate validator = rest.withBasicAuth("valideur", "valideur");
        Map<String, String> seenByValidator = filters(validator);
        assertThat(seenByValidator.keySet()).contains("Mes tâches", "Tâches de mes groupes", "À valider — par échéance",
                "Mes litiges").doesNotContain("À mandater", "À payer", "Échéances proches");
        assertThat(filters(rest.withBasicAuth("comptable", "comptable")).keySet())
                .contains("Tâches de mes groupes", "À mandater", "À payer").doesNotContain("À valider — par échéance");
        assertThat(filters(rest.withBasicAuth("manager", "manager")).keySet())
                .contains("À valider — par échéance", "Échéances proches").doesNotContain("À payer");

        JsonNode toValidate = json.readTree(validator.getForObject("/engine-rest/filter/"
                + seenByValidator.get("À valider — par échéance") + "/list?maxResults=500", String.class));
        List<String> dues = new ArrayList<>();
        toValidate.forEach(row -> {
            assertThat(row.get("taskDefinitionKey").asText()).isEqualTo("Task_ValidateInvoice");
            dues.add(row.get("due").asText(null));
        });
        assertThat(dues).doesNotContainNull().isSorted();
        assertThat(toValidate.findValuesAsText("id")).contains(task.getId());
        JsonNode disputes = json.readTree(validator.getForObject("/engine-rest/filter/"
                + seenByValidator.get("Mes litiges") + "/list", String.class));
        assertThat(disputes.findValuesAsText("id")).as("not disputed").doesNotContain(task.getId());
    }

    /** The task filters a person sees in Tasklist: name → id. */
    private Map<String, String> filters(TestRestTemplate client) throws Exception {
        Map<String, String> byName = new LinkedHashMap<>();
        json.readTree(client.getForObject("/engine-rest/filter?resourceType=Task", String.class))
                .forEach(filter -> byName.put(filter.get("name").asText(), filter.get("id").asText()));
        return byName;
    }

    @Test
    void aPaymentDateThatCannotBeRightIsRefusedWithItsReason() throws Exception {
        long id = uploaded("WS-7002", "Papeterie Durand SARL - SIRET 732 829 320 00074", "2 460,00");
        TestRestTemplate validator = rest.withBasicAuth("valideur", "valideur");
        TestRestTemplate accountant = rest.withBasicAuth("comptable", "comptable");
        assertThat(complete(validator, Tasks.awaitOf(tasks, invoices, id, "Task_ValidateInvoice").getId(),
                Map.of("decision", "APPROVE")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete(accountant, Tasks.awaitOf(tasks, invoices, id, "Task_RecordMandate").getId(),
                Map.of("mandateNumber", "M-WS-7002")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Task payment = Tasks.awaitOf(tasks, invoices, id, "Task_RecordPayment");
        assertThat(payment.getName()).startsWith("Mettre en paiement — WS-7002");
        LocalDate today = LocalDate.now(PARIS);

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(today.plusDays(3).toString(), "est dans le futur");
        refused.put("2025-03-01", "précède la date de la facture (12/03/2025)");
        refused.put(today.minusDays(1).toString(), "précède le mandatement (" + today.format(
                java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ")");
        refused.put("le 3 décembre", "n'est pas une date");
        for (Map.Entry<String, String> date : refused.entrySet()) {
            ResponseEntity<String> answer = complete(accountant, payment.getId(), Map.of("paymentDate", date.getKey()));
            assertThat(answer.getStatusCode()).as(date.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            // the reason alone, without Camunda's "Cannot complete task …:" (TaskRefusalMessages)
            assertThat(json.readTree(answer.getBody()).get("message").asText()).as(date.getKey())
                    .startsWith("La date de mise en paiement").contains(date.getValue());
        }
        assertThat(tasks.createTaskQuery().taskId(payment.getId()).count()).as("still to do").isEqualTo(1);
        assertThat(invoices.payment(id)).isEmpty();

        assertThat(complete(accountant, payment.getId(), Map.of("paymentDate", today.toString())).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> invoices.get(id).status() == InvoiceStatus.PAID);
        assertThat(invoices.payment(id).orElseThrow().paidOn()).isEqualTo(today);
    }

    /** An uploaded invoice of its own number and amount TTC (HT and TVA at 20 % derived). */
    private long uploaded(String number, String supplierLine, String ttc) throws Exception {
        java.math.BigDecimal total = new java.math.BigDecimal(ttc.replace(" ", "").replace(',', '.'));
        java.math.BigDecimal ht = total.divide(new java.math.BigDecimal("1.2"), 2, java.math.RoundingMode.HALF_UP);
        java.text.DecimalFormat french = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.FRANCE));
        french.setGroupingSize(3);
        String amounts = "Total HT : %s EUR   TVA 20 %% : %s EUR   Total TTC : %s EUR".formatted(
                french.format(ht).replace('\u202f', ' ').replace('\u00a0', ' '),
                french.format(total.subtract(ht)).replace('\u202f', ' ').replace('\u00a0', ' '), ttc);
        byte[] pdf = TestDocuments.pdf(supplierLine, "FACTURE N " + number, "Date : 12/03/2025", amounts);
        JsonNode invoice = json.readTree(upload(rest.withBasicAuth("demo", "demo"), pdf, number + ".pdf").getBody());
        return invoice.get("id").asLong();
    }

    private ResponseEntity<String> complete(TestRestTemplate client, String taskId, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", variables), headers), String.class);
    }
}
