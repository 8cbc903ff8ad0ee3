package fr.facteur.web;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.FinalInvoicesFiling;
import fr.facteur.invoice.InvoiceClassifier;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every invoice in a final state is filed with its retention, including those that ended before the
 * rule existed (the sweep); once the retention has ended the invoice is listed for managers as one
 * that may be destroyed, and nothing is destroyed.
 */
@ApplicationTest
class RetentionIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceClassifier classifier;
    @Autowired
    private FinalInvoicesFiling filing;

    @Test
    void anInvoiceThatEndedBeforeTheRuleIsFiledByTheSweepThenListedOnceItsRetentionEnded() throws Exception {
        long id = json.readTree(upload(anonymous.withBasicAuth("demo", "demo"),
                TestDocuments.invoicePdf("F-RETENTION-2015"), "retention-2015.pdf").getBody()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        // as an invoice rejected in 2015, before this version: in its final state, neither filed nor dated
        jdbc.sql("UPDATE facteur.invoice SET status = 'REJECTED' WHERE id = :id").param("id", id).update();
        jdbc.sql("""
                INSERT INTO facteur.invoice_status_history (invoice_id, changed_at, changed_by, from_status, to_status, comment)
                VALUES (:id, TIMESTAMPTZ '2015-06-10 10:00+02', 'valideur', 'TO_VALIDATE', 'REJECTED', 'Rejetée en 2015')""")
                .param("id", id).update();
        assertThat(invoices.retainUntil(id)).isEmpty();
        assertThat(classifier.classification(invoices.get(id))).isEmpty();

        assertThat(filing.fileAll()).isPositive();

        assertThat(invoices.retainUntil(id)).as("10 years after the end of 2015").contains(LocalDate.of(2025, 12, 31));
        assertThat(classifier.classification(invoices.get(id))).isNotEmpty().allSatisfy(filed -> {
            assertThat(filed.metadata().get("status").asText()).isEqualTo("REJECTED");
            assertThat(filed.metadata().get("retainUntil").asText()).isEqualTo("2025-12-31");
            assertThat(filed.classifiedBy()).isEqualTo("facteur");
        });
        filing.fileAll();
        assertThat(invoices.retainUntil(id)).as("a second sweep changes nothing").contains(LocalDate.of(2025, 12, 31));

        // its retention ended on 31 December 2025: listed for managers, never destroyed
        assertThat(destroyableIds("manager", "")).contains(id);
        assertThat(destroyableIds("manager", "?day=2025-12-31")).doesNotContain(id);
        assertThat(destroyableIds("manager", "?day=2026-01-01")).contains(id);
        assertThat(anonymous.withBasicAuth("valideur", "valideur").getForEntity("/api/archive/destroyable", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(invoices.documents(id)).isNotEmpty();
        assertThat(anonymous.withBasicAuth("manager", "manager").getForObject("/apercu/factures/" + id, String.class))
                .contains("À conserver jusqu&#39;au 31/12/2025");
    }

    private List<Long> destroyableIds(String user, String query) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = json.readTree(anonymous.withBasicAuth(user, user).getForObject(
                    "/api/archive/destroyable" + (query.isEmpty() ? "?" : query + "&") + "size=1000&page=" + page,
                    String.class));
            body.get("invoices").forEach(row -> ids.add(row.get("invoiceId").asLong()));
            if (body.get("invoices").size() < 1000) {
                return ids;
            }
        }
    }
}
