package fr.facteur.security;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.IllegalStatusChangeException;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
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
 * A validator cannot forge process data through a task: only the form's fields are accepted, the
 * variables naming the invoice never, and a status move the circuit does not make is refused.
 */
@ApplicationTest
class ProcessDataIT {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private InvoiceService invoiceService;
    @Autowired
    private ObjectMapper json;

    @Test
    void aDecisionCannotBeRedirectedToAnotherInvoice() throws Exception {
        long rejected = uploadToValidation("FG-9101", 1);
        long approved = uploadToValidation("FG-9102", 2);
        TestRestTemplate validator = rest.withBasicAuth("valideur", "valideur");
        assertThat(send(validator, taskOf(rejected), "complete", Map.of("decision", "REJECT", "motif", "Pas pour nous"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> invoiceService.get(rejected).status() == InvoiceStatus.REJECTED);

        String task = taskOf(approved);
        Map<String, Object> forged = new LinkedHashMap<>();
        forged.put("decision", "APPROVE");
        forged.put("invoiceId", rejected);
        for (String endpoint : new String[] {"complete", "submit-form"}) {
            ResponseEntity<String> answer = send(validator, task, endpoint, forged);
            assertThat(answer.getStatusCode()).as(endpoint).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(json.readTree(answer.getBody()).get("message").asText()).contains("invoiceId", "refusée");
        }
        ResponseEntity<String> modify = validator.exchange("/engine-rest/task/" + task + "/variables", HttpMethod.POST,
                jsonEntity(Map.of("modifications", Map.of("invoiceId", Map.of("value", rejected)))), String.class);
        assertThat(modify.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(modify.getBody()).contains("invoiceId");

        ResponseEntity<String> unknown = send(validator, task, "complete", Map.of("decision", "APPROVE",
                "chorusStatus", "MISE_EN_PAIEMENT"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).contains("chorusStatus", "decision", "motif");

        // nothing changed: the task waits, both invoices are where they were
        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(taskService.createTaskQuery().taskId(task).singleResult()
                .getExecutionId(), "invoiceId")).isEqualTo(approved);
        assertThat(invoiceService.get(rejected).status()).isEqualTo(InvoiceStatus.REJECTED);
        assertThat(invoiceService.get(approved).status()).isEqualTo(InvoiceStatus.TO_VALIDATE);

        // a decision the form does not offer, or a dispute without its motif: 400 with the reason
        ResponseEntity<String> unknownDecision = send(validator, task, "complete", Map.of("decision", "PEUT-ETRE"));
        assertThat(unknownDecision.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(unknownDecision.getBody()).get("message").asText()).contains("Décision invalide");
        ResponseEntity<String> noMotif = send(validator, task, "complete", Map.of("decision", "DISPUTE"));
        assertThat(noMotif.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(noMotif.getBody()).get("message").asText()).contains("motif est obligatoire");

        // and the honest decision still goes through
        assertThat(send(validator, task, "complete", Map.of("decision", "APPROVE")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> invoiceService.get(approved).status() == InvoiceStatus.VALIDATED);
    }

    @Test
    void theServiceRefusesAMoveTheCircuitDoesNotMakeWhoeverCallsIt() throws Exception {
        long id = uploadToValidation("FG-9103", 3);
        invoiceService.changeStatus(id, InvoiceStatus.REJECTED, "test", "motif");

        assertThatThrownBy(() -> invoiceService.changeStatus(id, InvoiceStatus.VALIDATED, "test", null))
                .isInstanceOf(IllegalStatusChangeException.class).hasMessageContaining("définitif");
        assertThat(invoiceService.get(id).status()).isEqualTo(InvoiceStatus.REJECTED);
        assertThat(invoiceService.history(id)).noneMatch(change -> change.to() == InvoiceStatus.VALIDATED);
    }

    /** An invoice of its own amounts (not a duplicate of another test's), waiting for its validation. */
    private long uploadToValidation(String number, int hundreds) throws Exception {
        byte[] pdf = TestDocuments.pdf("Papeterie Durand SARL - SIRET 732 829 320 00074", "FACTURE N " + number,
                "Date : 14/03/2025", "Total HT : %d,00 EUR   TVA 20 %% : %d,00 EUR   Total TTC : %d,00 EUR"
                        .formatted(7000 + 100 * hundreds, (7000 + 100 * hundreds) / 5, (7000 + 100 * hundreds) * 6 / 5));
        JsonNode invoice = json.readTree(upload(rest.withBasicAuth("demo", "demo"), pdf, number + ".pdf").getBody());
        long id = invoice.get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(invoice.get("externalKey").asText()).taskDefinitionKey("Task_ValidateInvoice")
                .count() == 1);
        return id;
    }

    private String taskOf(long invoiceId) {
        Task task = taskService.createTaskQuery().taskDefinitionKey("Task_ValidateInvoice")
                .processVariableValueEquals("invoiceId", invoiceId).singleResult();
        return task.getId();
    }

    private ResponseEntity<String> send(TestRestTemplate client, String taskId, String endpoint, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return client.exchange("/engine-rest/task/" + taskId + "/" + endpoint, HttpMethod.POST,
                jsonEntity(Map.of("variables", variables)), String.class);
    }

    private static HttpEntity<Object> jsonEntity(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
