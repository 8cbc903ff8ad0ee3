package fr.facteur.workflow.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Routing by the recipient service, through the relève and the real process: the emulator's hospital
 * addresses its invoices to its purchasing service (ACHATS), which has its own validators
 * ({@code valideurs-achats}, the demo user {@code acheteur}); the commune's services have none, so every
 * validator may take theirs.
 */
@ApplicationTest
class ServiceRoutingIT {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private TaskService tasks;

    @Test
    void anInvoiceForAServiceWithItsOwnValidatorsIsTheirsOnly() throws Exception {
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        JsonNode created = json.readTree(demo.postForEntity("/emulator/control/invoices", Map.of("count", 2,
                "facturX", false), String.class).getBody()).get("idFactures");
        demo.postForEntity("/api/chorus/releve", null, String.class);
        List<Invoice> imported = new ArrayList<>();
        for (JsonNode idFacture : created) {
            imported.add(await().atMost(Duration.ofSeconds(60)).until(() -> invoices.findByExternalKey(
                    "CHORUS:" + idFacture.asLong()).orElse(null), found -> found != null));
        }
        Invoice purchasing = imported.stream().filter(i -> "ACHATS".equals(i.index().serviceCode())).findFirst().orElseThrow();
        Invoice commune = imported.stream().filter(i -> !"ACHATS".equals(i.index().serviceCode())).findFirst().orElseThrow();

        Task forPurchasing = Tasks.awaitOf(tasks, invoices, purchasing.id(), "Task_ValidateInvoice");
        Task forCommune = Tasks.awaitOf(tasks, invoices, commune.id(), "Task_ValidateInvoice");
        assertThat(groups(forPurchasing)).contains("valideurs-achats").doesNotContain("valideurs");
        assertThat(groups(forCommune)).contains("valideurs").noneMatch(group -> group.startsWith("valideurs-"));

        // as Tasklist asks: the purchasing service's validator sees its invoice, the other validators do not
        assertThat(visibleTo("acheteur", purchasing)).isEqualTo(1);
        assertThat(visibleTo("valideur", purchasing)).isZero();
        assertThat(visibleTo("valideur", commune)).isEqualTo(1);
        assertThat(visibleTo("acheteur", commune)).as("also a validator").isEqualTo(1);
    }

    private List<String> groups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(group -> group != null).toList();
    }

    private int visibleTo(String user, Invoice invoice) throws Exception {
        return json.readTree(rest.withBasicAuth(user, user).getForObject(
                "/engine-rest/task?taskDefinitionKey=Task_ValidateInvoice&processInstanceBusinessKey="
                        + invoice.externalKey(), String.class)).size();
    }
}
