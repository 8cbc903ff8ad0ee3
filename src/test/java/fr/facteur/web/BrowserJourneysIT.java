package fr.facteur.web;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.Payment;
import fr.facteur.invoice.StatusChange;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.BrowserJourneys;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The circuit as people work it, in Debian's Chromium driven by playwright-core
 * ({@code src/test/browser/invoice-circuit.mjs}, see {@link BrowserJourneys}), in the default run's
 * HTTP Basic mode ({@code KeycloakIT} runs it through Keycloak's login): this test prepares the invoice
 * and checks what the clicks did, in the database.
 */
@ApplicationTest
class BrowserJourneysIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @LocalServerPort
    private int port;
    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private ObjectMapper json;

    @Test
    void aValidatorAnAccountantAndAManagerWorkAnUploadedInvoiceInTheBrowser() throws Exception {
        // digits in it: a number of letters only is not read as an invoice number from the PDF's text
        String number = "F-NAV-" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        long id = json.readTree(upload(anonymous.withBasicAuth("demo", "demo"), TestDocuments.invoicePdf(number),
                "navigateur.pdf").getBody()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        String mandate = "M-" + number;

        JsonNode report = BrowserJourneys.run("invoice-circuit.mjs", "invoice-circuit", port, Map.of(
                "INVOICE_NUMBER", number, "INVOICE_ID", String.valueOf(id), "MANDATE_NUMBER", mandate));

        // what the clicks did: approved by the validator, mandated and paid today by the accountant
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.PAID);
        Payment payment = invoices.payment(id).orElseThrow();
        assertThat(payment.mandateNumber()).isEqualTo(mandate);
        assertThat(payment.paidOn()).isEqualTo(LocalDate.now(PARIS));
        List<StatusChange> history = invoices.history(id);
        assertThat(history).anySatisfy(change -> {
            assertThat(change.to()).isEqualTo(InvoiceStatus.VALIDATED);
            assertThat(change.changedBy()).isEqualTo("valideur");
        });
        assertThat(history).anySatisfy(change -> {
            assertThat(change.to()).isEqualTo(InvoiceStatus.PAID);
            assertThat(change.changedBy()).isEqualTo("comptable");
        });
        // what the screens showed
        JsonNode validator = report.get(0).get("facts");
        assertThat(validator.get("taskName").asText()).contains(number, "Papeterie Durand", "1 200,00 €");
        assertThat(validator.get("pageImageWidth").asInt()).isGreaterThan(800);
        assertThat(validator.get("headerLinks").toString()).contains("Déposer une facture")
                .doesNotContain("Aperçu des factures");
        assertThat(validator.get("issueDateShown").asText()).isEqualTo("12/03/2025");
        assertThat(validator.get("totalTtcShown").asText()).isEqualTo("1 200,00 €");
        assertThat(validator.get("readingNotes").toString()).contains("Vérifié");
        List<String> marks = json.convertValue(validator.get("fieldMarks"), List.class);
        assertThat(marks).anySatisfy(mark -> assertThat(mark).startsWith("Total TTC").contains("✓ vérifié : montants cohérents"));
        assertThat(marks).anySatisfy(mark -> assertThat(mark).startsWith("SIRET du fournisseur")
                .contains("✓ vérifié : SIRET du fournisseur valide"));
        assertThat(marks).anySatisfy(mark -> assertThat(mark).startsWith("Fournisseur").contains("⚠ lu avec une confiance de"));
        JsonNode accountant = report.get(2).get("facts");
        assertThat(accountant.get("datePlaceholder").asText()).isEqualTo("jj/mm/aaaa");
        assertThat(accountant.get("calendarWeekdays").asText()).as("a French week starts on Monday")
                .startsWith("lun.").endsWith("dim.");
        assertThat(accountant.get("calendarMonth").asText()).containsAnyOf("janvier", "février", "mars", "avril", "mai",
                "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre");
        assertThat(report.get(2).get("facts").get("refusal").asText())
                .startsWith("La date de mise en paiement 02/01/2020 précède la date de la facture (12/03/2025)");
        assertThat(report.get(3).get("facts").get("invoicePage").asText()).contains(number, mandate);
        // the welcome page shows each person the pages they may follow, no more
        assertThat(json.convertValue(validator.get("welcomeLinks"), List.class)).containsExactly("Déposer une facture");
        // Cockpit, Admin and the welcome page in French, as an administrator sees them
        JsonNode administrator = report.get(4).get("facts");
        assertThat(json.convertValue(administrator.get("cockpitLinks"), List.class))
                .containsExactly("Aperçu des factures", "Factures en retard", "Déposer une facture");
        assertThat(administrator.get("cockpitPage").asText())
                .contains("Processus", "Décisions", "Déploiements", "Instances de processus en cours", "Incidents ouverts")
                .doesNotContain("Deployments", "Running Process Instances", "Open Incidents", "Log out");
        assertThat(administrator.get("adminPage").asText())
                .contains("Utilisateurs", "Groupes", "Autorisations", "Liste des utilisateurs", "Prénom")
                .doesNotContain("Authorizations", "List of Users", "First Name");
        assertThat(json.convertValue(administrator.get("welcomeLinks"), List.class))
                .containsExactly("Aperçu des factures", "Factures en retard", "Déposer une facture");
        assertThat(administrator.get("welcomePage").asText()).contains("Applications", "Modifier le profil",
                "Changer le mot de passe").doesNotContain("Edit profile", "Change password");
        assertThat(BrowserJourneys.screenshots("invoice-circuit")).isGreaterThanOrEqualTo(16);
    }
}
