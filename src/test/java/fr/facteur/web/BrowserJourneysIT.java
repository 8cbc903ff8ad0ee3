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
import fr.facteur.support.TestDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The circuit as people work it, in Debian's Chromium driven by playwright-core
 * ({@code src/test/browser/invoice-circuit.mjs}): the browser does the clicking and checks what the
 * screens show; this test prepares the invoice and checks what the clicks did, in the database.
 * Screenshots of every step and the journeys' report are kept under {@code target/browser/}.
 */
@ApplicationTest
class BrowserJourneysIT {

    static final Path SCREENSHOTS = Path.of("target", "browser");
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
        String number = "F-NAV-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long id = json.readTree(upload(anonymous.withBasicAuth("demo", "demo"), TestDocuments.invoicePdf(number),
                "navigateur.pdf").getBody()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        String mandate = "M-" + number;

        JsonNode report = runJourneys("invoice-circuit.mjs", Map.of(
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
        assertThat(validator.get("issueDateShown").asText()).isEqualTo("12/03/2025");
        assertThat(validator.get("readingNotes").toString()).contains("Vérifié");
        List<String> marks = json.convertValue(validator.get("fieldMarks"), List.class);
        assertThat(marks).anySatisfy(mark -> assertThat(mark).startsWith("Total TTC").contains("✓ vérifié : montants cohérents"));
        assertThat(marks).anySatisfy(mark -> assertThat(mark).startsWith("SIRET du fournisseur")
                .contains("✓ vérifié : SIRET du fournisseur valide"));
        assertThat(marks).anySatisfy(mark -> assertThat(mark).startsWith("Fournisseur").contains("⚠ lu avec une confiance de"));
        JsonNode accountant = report.get(2).get("facts");
        assertThat(accountant.get("datePlaceholder").asText()).isEqualTo("jj/mm/aaaa");
        assertThat(accountant.get("calendarWeekdays").asText()).contains("lun.", "dim.");
        assertThat(accountant.get("calendarMonth").asText()).containsAnyOf("janvier", "février", "mars", "avril", "mai",
                "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre");
        assertThat(report.get(2).get("facts").get("refusal").asText())
                .startsWith("La date de mise en paiement 02/01/2020 précède la date de la facture (12/03/2025)");
        assertThat(report.get(3).get("facts").get("invoicePage").asText()).contains(number, mandate);
        try (Stream<Path> shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.filter(file -> file.getFileName().toString().startsWith("invoice-circuit-")
                    && file.toString().endsWith(".png"))).hasSizeGreaterThanOrEqualTo(12);
        }
    }

    /** Runs one journey script with Node.js; its report is the test's evidence, its failure the test's. */
    private JsonNode runJourneys(String script, Map<String, String> variables) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        String name = script.replace(".mjs", "");
        Path log = SCREENSHOTS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("node", Path.of("src", "test", "browser", script).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(variables);
        builder.environment().put("BASE_URL", "http://localhost:" + port);
        builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        builder.environment().put("SCREENSHOT_PREFIX", name);
        Process node = builder.start();
        if (!node.waitFor(5, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("The browser journeys did not end within 5 minutes; see " + log);
        }
        String output = Files.readString(log);
        assertThat(node.exitValue()).as("browser journeys (screenshots in %s):%n%s", SCREENSHOTS, output).isZero();
        return json.readTree(Files.readString(SCREENSHOTS.resolve(name + "-report.json")));
    }
}
