package fr.facteur.payment;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.Payment;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import fr.facteur.workflow.reception.PaymentWarning;
import fr.facteur.workflow.reception.SavePaymentDelegate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The délai global de paiement follows the buyer's entity type ({@code facteur.payment.entity-types},
 * 26450001800017 is a public health establishment in the tests): the payment step and the
 * managers' warning use it, the warning once the invoice is indexed.
 */
@ApplicationTest
class PaymentDeadlineIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private PaymentDeadlines deadlines;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private PaymentWarning warning;
    @Autowired
    private ManagementService management;
    @Autowired
    private RuntimeService runtime;

    @Test
    void anUploadedInvoiceBoughtByAHealthEstablishmentIsWarnedAboutFiftyDaysAfter() throws Exception {
        long id = json.readTree(upload(anonymous.withBasicAuth("demo", "demo"), TestDocuments.pdf(
                "Papeterie Durand SARL - SIRET 732 829 320 00074",
                "Client : Centre hospitalier de Brenne - SIRET 264 500 018 00017",
                "FACTURE N F-DGP-0917",
                "Date : 12/03/2025",
                "Total HT : 1 000,00 EUR   TVA 20 % : 200,00 EUR   Total TTC : 1 200,00 EUR"), "dgp-upload.pdf")
                .getBody()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        Invoice invoice = invoices.get(id);
        assertThat(invoice.index().buyerSiret()).as("read on the page after the circuit started")
                .isEqualTo("26450001800017");

        Job warningTimer = management.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(invoice.externalKey()).singleResult().getId())
                .activityId("StartEvent_DeadlineNear").singleResult();
        assertThat(warningTimer.getDuedate().toInstant().atZone(ZoneId.of("Europe/Paris")).toLocalDate())
                .as("50 days, warned 5 days before").isEqualTo(invoice.receivedOn().plusDays(45));
    }

    @ParameterizedTest(name = "buyer {0}, paid 40 days after reception: due after {1} days, flat fee {2} €")
    @CsvSource({
        "26450001800017, 50, 0",
        "21450195100013, 30, 40.00",
    })
    void paidFortyDaysAfterReception(String buyerSiret, int days, String flatFee) throws Exception {
        long id = json.readTree(upload(anonymous.withBasicAuth("demo", "demo"),
                TestDocuments.invoicePdf("F-DGP-" + buyerSiret), "dgp-" + buyerSiret + ".pdf").getBody())
                .get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        jdbc.sql("UPDATE facteur.invoice SET buyer_siret = :buyer, created_at = created_at - INTERVAL '40 days' "
                + "WHERE id = :id").param("buyer", buyerSiret).param("id", id).update();
        LocalDate received = invoices.get(id).receivedOn();

        assertThat(warning.warnOn(id).toInstant().atZone(ZoneId.of("Europe/Paris")).toLocalDate())
                .as("the managers are warned 5 days before").isEqualTo(received.plusDays(days - 5));

        // validated and mandated, as the circuit does before a payment (a status move it allows)
        invoices.changeStatus(id, InvoiceStatus.VALIDATED, "valideur", null);
        invoices.recordMandate(id, "M-" + buyerSiret, "comptable");
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("invoiceId")).thenReturn(id);
        when(execution.getVariable("paymentDate")).thenReturn(received.plusDays(40).toString());
        new SavePaymentDelegate(invoices, new InvoiceDeadlines(invoices, deadlines), identityService).execute(execution);

        Payment payment = invoices.payment(id).orElseThrow();
        assertThat(payment.dueOn()).isEqualTo(received.plusDays(days));
        assertThat(payment.lateFlatFee()).isEqualByComparingTo(flatFee);
        assertThat(payment.lateInterest().signum()).isEqualTo(days < 40 ? 1 : 0);
    }
}
