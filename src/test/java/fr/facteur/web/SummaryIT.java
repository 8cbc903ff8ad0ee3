package fr.facteur.web;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceLists;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /api/invoices/summary}: the managers' numbers follow what happens to invoices. */
@ApplicationTest
class SummaryIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private ManagementService management;
    @Autowired
    private ExternalTaskService externalTasks;
    @Autowired
    private InvoiceDeadlines deadlines;
    @Autowired
    private InvoiceLists lists;

    @Test
    void theNumbersAddUpAndFollowANewInvoiceUntilItIsOverdue() throws Exception {
        awaitQuiet();
        JsonNode before = summary();
        long inDatabase = jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE direction = 'RECEIVED'")
                .query(Long.class).single();
        long sumByStatus = 0;
        for (JsonNode status : before.path("byStatus")) {
            sumByStatus += status.path("count").asLong();
        }
        assertThat(before.path("total").asLong()).isEqualTo(inDatabase).isEqualTo(sumByStatus);

        long id = json.readTree(upload(demo(), TestDocuments.invoicePdf("F-2025-SUMMARY"), "summary.pdf").getBody())
                .get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        awaitQuiet();

        JsonNode after = summary();
        assertThat(after.path("total").asLong()).isEqualTo(before.path("total").asLong() + 1);
        assertThat(count(after, "TO_VALIDATE")).isEqualTo(count(before, "TO_VALIDATE") + 1);
        assertThat(amount(after, "TO_VALIDATE").subtract(amount(before, "TO_VALIDATE"))).isEqualByComparingTo("1200.00");

        // received 40 days ago: past the 30-day délai global de paiement
        jdbc.sql("UPDATE facteur.invoice SET created_at = created_at - INTERVAL '40 days' WHERE id = :id")
                .param("id", id).update();
        JsonNode late = summary();
        assertThat(late.at("/overdue/count").asLong()).isEqualTo(after.at("/overdue/count").asLong() + 1);
        assertThat(new BigDecimal(late.at("/overdue/totalTtc").asText())
                .subtract(new BigDecimal(after.at("/overdue/totalTtc").asText()))).isEqualByComparingTo("1200.00");

        // bought by a public health establishment (facteur.payment.entity-types): 50 days, not late yet
        jdbc.sql("UPDATE facteur.invoice SET buyer_siret = '26450001800017' WHERE id = :id").param("id", id).update();
        assertThat(summary().at("/overdue/count").asLong()).isEqualTo(after.at("/overdue/count").asLong());
        jdbc.sql("UPDATE facteur.invoice SET created_at = created_at - INTERVAL '15 days' WHERE id = :id")
                .param("id", id).update();
        assertThat(summary().at("/overdue/count").asLong()).isEqualTo(after.at("/overdue/count").asLong() + 1);

        // 20 days in dispute (finished): the clock stopped that long, on the overview as on payment
        jdbc.sql("""
                INSERT INTO facteur.invoice_status_history (invoice_id, changed_at, changed_by, from_status, to_status)
                SELECT id, created_at + INTERVAL '5 days', 'test', 'TO_VALIDATE', 'DISPUTED' FROM facteur.invoice WHERE id = :id
                UNION ALL
                SELECT id, created_at + INTERVAL '25 days', 'test', 'DISPUTED', 'TO_VALIDATE' FROM facteur.invoice WHERE id = :id""")
                .param("id", id).update();
        assertThat(summary().at("/overdue/count").asLong()).as("not late any more").isEqualTo(after.at("/overdue/count").asLong());
        Invoice invoice = invoices.get(id);
        LocalDate due = invoice.receivedOn().plusDays(50 + 20);
        assertThat(deadlines.of(invoice).dueOn()).isEqualTo(due);
        assertThat(lists.page(InvoiceLists.Kind.ALL, new InvoiceLists.Filter(null, null, null, invoice.receivedOn(),
                        invoice.receivedOn(), null, null), 0, 500)
                .stream().filter(row -> row.invoice().id() == id).findFirst().orElseThrow().paymentDeadline())
                .as("the lists' deadline is the payment step's").isEqualTo(due);
    }

    @Test
    void aLoginIsRequired() {
        assertThat(anonymous.getForEntity("/api/invoices/summary", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** Nothing else moving (a relève importing at start-up, say) while the numbers are compared. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                management.createJobQuery().executable().messages().count() == 0
                        && externalTasks.createExternalTaskQuery().withRetriesLeft().count() == 0);
    }

    private JsonNode summary() throws Exception {
        return json.readTree(demo().getForObject("/api/invoices/summary", String.class));
    }

    private static long count(JsonNode summary, String status) {
        for (JsonNode entry : summary.path("byStatus")) {
            if (entry.path("status").asText().equals(status)) {
                return entry.path("count").asLong();
            }
        }
        return 0;
    }

    private static BigDecimal amount(JsonNode summary, String status) {
        for (JsonNode entry : summary.path("byStatus")) {
            if (entry.path("status").asText().equals(status)) {
                return new BigDecimal(entry.path("totalTtc").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    private TestRestTemplate demo() {
        return anonymous.withBasicAuth("demo", "demo");
    }
}
