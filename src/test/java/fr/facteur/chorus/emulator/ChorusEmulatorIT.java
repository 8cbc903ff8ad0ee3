package fr.facteur.chorus.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.chorus.ChorusClient;
import fr.facteur.chorus.ChorusDates;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.ChorusTechnicalException;
import fr.facteur.chorus.PisteTokenProvider;
import fr.facteur.chorus.api.Factures.FactureDetail;
import fr.facteur.chorus.api.Factures.FactureRecue;
import fr.facteur.chorus.api.Factures.HistoStatut;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Transverses.StructureActive;
import fr.facteur.support.ApplicationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.ZUGFeRDImporter;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** The real client, over HTTP, against the emulator served by the application itself. */
@ApplicationTest
class ChorusEmulatorIT {

    @Autowired
    private ChorusClient client;
    @Autowired
    private EmulatorFaults faults;
    @Autowired
    private PisteTokenProvider tokens;
    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;

    @AfterEach
    void noFaults() {
        faults.set(EmulatorFaults.Settings.NONE);
    }

    @Test
    void listsEveryReceivedInvoiceOfARecipientAcrossPages() {
        StructureActive commune = commune();
        List<FactureRecue> invoices = client.searchReceived(
                RechercheRecipiendaireRequest.changedBetween(commune.idStructureCPP(), null, null, null));

        assertThat(invoices).hasSizeGreaterThan(5); // more than one page of 5
        assertThat(invoices).allSatisfy(f -> {
            assertThat(f.idFacture()).isGreaterThan(Integer.MAX_VALUE);
            assertThat(f.codeDestinataire()).isEqualTo(EmulatorSeeder.COMMUNE_SIRET);
            assertThat(f.montantTTC()).isPositive();
            assertThat(f.codeFournisseur()).hasSize(14);
        });
        assertThat(invoices).extracting(FactureRecue::idFacture).doesNotHaveDuplicates();
    }

    @Test
    void filtersOnTheDateOfTheCurrentStatus() {
        StructureActive commune = commune();
        OffsetDateTime now = OffsetDateTime.now();
        List<FactureRecue> all = client.searchReceived(
                RechercheRecipiendaireRequest.changedBetween(commune.idStructureCPP(), null, null, null));
        List<FactureRecue> lastWeek = client.searchReceived(RechercheRecipiendaireRequest.changedBetween(
                commune.idStructureCPP(), ChorusDates.requestDateTime(now.minusDays(7)),
                ChorusDates.requestDateTime(now.plusMinutes(1)), null));
        assertThat(lastWeek).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(client.searchReceived(RechercheRecipiendaireRequest.changedBetween(commune.idStructureCPP(),
                "2001-01-01T00:00:00", "2001-01-02T00:00:00", null))).isEmpty();
    }

    @Test
    void readsDownloadsAndProcessesAnInvoice() throws Exception {
        long id = newInvoice();
        FactureDetail detail = client.consultReceived(id);
        assertThat(detail.statutFacture()).isEqualTo("MISE_A_DISPOSITION");
        assertThat(detail.fournisseur().codeFournisseur()).hasSize(14);
        assertThat(detail.montantTotal().montantTtcTotal())
                .isEqualByComparingTo(detail.montantTotal().montantHtTotal().add(detail.montantTotal().montantTVA()));

        byte[] pdf = client.downloadPdf(id);
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(detail.numeroFacture(), "Total TTC", "SIRET");
        }

        assertThat(client.allowedTargets("MISE_A_DISPOSITION")).contains("SERVICE_FAIT", "SUSPENDUE", "REJETEE");
        assertThat(client.processReceived(id, "SERVICE_FAIT", null, null).nouveauStatut()).isEqualTo("SERVICE_FAIT");
        assertThat(client.processReceived(id, "MANDATEE", null, "MDT-2025-0042").nouveauStatut()).isEqualTo("MANDATEE");

        List<HistoStatut> history = client.history(id).historiquesDesStatuts().histoStatut();
        assertThat(history).extracting(HistoStatut::histoStatutCode)
                .containsExactly("MANDATEE", "SERVICE_FAIT", "MISE_A_DISPOSITION");
        assertThat(history.get(0).histoStatutCommentaire()).contains("MDT-2025-0042");
        assertThat(client.history(id).statutCourantCode()).isEqualTo("MANDATEE");
    }

    @Test
    void someSeededInvoicesAreFacturXThatMustangReadsBack() throws Exception {
        long id = -1;
        for (FactureRecue invoice : client.searchReceived(
                RechercheRecipiendaireRequest.changedBetween(commune().idStructureCPP(), null, null, null))) {
            if (client.consultReceived(invoice.idFacture()).modeDepot().equals("DEPOT_FLUX")) {
                id = invoice.idFacture();
                break;
            }
        }
        assertThat(id).as("a seeded Factur-X invoice").isPositive();
        FactureDetail detail = client.consultReceived(id);
        byte[] pdf = client.downloadPdf(id);
        var invoice = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(pdf))
                .extractInvoice();
        assertThat(invoice.getNumber()).isEqualTo(detail.numeroFacture());
        assertThat(invoice.getReferenceNumber()).isEqualTo(detail.destinataire().codeServiceExecutant());
        var importer = new ZUGFeRDImporter(new ByteArrayInputStream(pdf));
        assertThat(new String(importer.getRawXML(), StandardCharsets.UTF_8))
                .contains(detail.fournisseur().codeFournisseur(), detail.destinataire().codeDestinataire());
        assertThat(new BigDecimal(importer.getAmount()))
                .isEqualByComparingTo(detail.montantTotal().montantTtcTotal());
    }

    @Test
    void enforcesTheTransitionRulesWithTheReferenceCodes() {
        long id = newInvoice();
        assertRefused(() -> client.processReceived(id, "SUSPENDUE", " ", null), 20003);
        assertRefused(() -> client.processReceived(id, "MANDATEE", null, null), 20004);
        assertRefused(() -> client.processReceived(id, "COMPLETEE", null, null), 20002);
        assertRefused(() -> client.processReceived(999L, "SERVICE_FAIT", null, null), 20001);

        client.processReceived(id, "REJETEE", "Facture adressée au mauvais service", null);
        assertRefused(() -> client.processReceived(id, "SERVICE_FAIT", null, null), 20002);
        assertThat(client.history(id).historiquesDesStatuts().histoStatut().get(0).histoStatutCommentaire())
                .isEqualTo("Facture adressée au mauvais service");
    }

    @Test
    void theOtherPartyCompletesASuspendedInvoiceAndTheFinanceSidePaysIt() throws Exception {
        long id = newInvoice();
        client.processReceived(id, "SUSPENDUE", "Bon de livraison manquant", null);
        assertThat(asDemo().postForEntity("/emulator/control/invoices/" + id + "/status",
                Map.of("statut", "COMPLETEE", "commentaire", "Bon de livraison ajouté"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(client.consultReceived(id).statutFacture()).isEqualTo("COMPLETEE");

        client.processReceived(id, "SERVICE_FAIT", null, null);
        asDemo().postForEntity("/emulator/control/invoices/" + id + "/status", Map.of("statut", "MISE_EN_PAIEMENT"),
                String.class);
        assertThat(client.history(id).statutCourantCode()).isEqualTo("MISE_EN_PAIEMENT");

        // what the emulator holds, read with a simple GET (README "Try it")
        JsonNode paid = json.readTree(asDemo().getForObject("/emulator/control/invoices?statut=MISE_EN_PAIEMENT",
                String.class));
        assertThat(paid.findValuesAsText("statut")).isNotEmpty().containsOnly("MISE_EN_PAIEMENT");
        assertThat(paid.findValues("idFacture").stream().map(JsonNode::asLong)).contains(id);
        JsonNode latest = json.readTree(asDemo().getForObject("/emulator/control/invoices?limit=1", String.class));
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).path("fournisseur").asText()).isNotBlank();
        assertThat(rest.getForEntity("/emulator/control/invoices", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void controlEndpointsNeedALogin() {
        assertThat(rest.postForEntity("/emulator/control/invoices", Map.of("count", 1), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theApiRefusesCallsWithoutAValidTokenAndAccount() {
        var response = rest.postForEntity("/emulator/cpro/factures/v1/consulter/historique", Map.of("idFacture", 1),
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).contains("realm=\"PISTE\"");
    }

    @Test
    void faultedCallsFailAsTechnicalErrorsAndNeverChangeAnything() {
        long id = newInvoice();
        faults.set(new EmulatorFaults.Settings(1.0, 0, 0, Duration.ZERO));
        assertThatThrownBy(() -> client.processReceived(id, "SERVICE_FAIT", null, null))
                .isInstanceOfSatisfying(ChorusTechnicalException.class, e -> assertThat(e.status()).contains(500));
        faults.set(new EmulatorFaults.Settings(0, 1.0, 0, Duration.ZERO));
        assertThatThrownBy(() -> client.processReceived(id, "SERVICE_FAIT", null, null))
                .isInstanceOfSatisfying(ChorusTechnicalException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
        faults.set(EmulatorFaults.Settings.NONE);
        assertThat(client.history(id).historiquesDesStatuts().histoStatut()).hasSize(1);

        // At 30 %, retrying each call until it passes ends with every status applied exactly once.
        faults.set(new EmulatorFaults.Settings(0.2, 0.1, 0, Duration.ZERO));
        int failures = 0;
        for (String target : List.of("SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT")) {
            while (true) {
                try {
                    client.processReceived(id, target, null, "MDT-1");
                    break;
                } catch (ChorusTechnicalException e) {
                    failures++;
                    assertThat(failures).isLessThan(100);
                }
            }
        }
        faults.set(EmulatorFaults.Settings.NONE);
        assertThat(client.history(id).historiquesDesStatuts().histoStatut()).extracting(HistoStatut::histoStatutCode)
                .containsExactly("MISE_EN_PAIEMENT", "MANDATEE", "SERVICE_FAIT", "MISE_A_DISPOSITION");
    }

    @Test
    void oneTokenForManyCallsAndANewOneAfterTheGatewayForgetsIt() {
        client.recipientStructures();
        long before = tokens.tokensFetched();
        for (int i = 0; i < 20; i++) {
            client.allowedTargets("MISE_A_DISPOSITION");
        }
        assertThat(tokens.tokensFetched()).isEqualTo(before);

        assertThat(asDemo().postForEntity("/emulator/control/tokens/revoke", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(client.recipientStructures()).hasSize(2);
        assertThat(tokens.tokensFetched()).isEqualTo(before + 1);
    }

    @Test
    void chorusHealthIsReported() throws Exception {
        JsonNode health = json.readTree(asDemo().getForObject("/actuator/health", String.class));
        assertThat(health.at("/components/chorusPro/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/chorusPro/details/emulator").asBoolean()).isTrue();
        assertThat(health.at("/components/chorusPro/details/recipientStructures").asInt()).isEqualTo(2);
    }

    private long newInvoice() {
        try {
            JsonNode created = json.readTree(asDemo().postForEntity("/emulator/control/invoices", Map.of("count", 1),
                    String.class).getBody());
            return created.get("idFactures").get(0).asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestRestTemplate asDemo() {
        return rest.withBasicAuth("demo", "demo");
    }

    private StructureActive commune() {
        return client.recipientStructures().stream()
                .filter(s -> s.identifiant().equals(EmulatorSeeder.COMMUNE_SIRET)).findFirst().orElseThrow();
    }

    private static void assertRefused(Runnable call, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ChorusFunctionalException.class,
                e -> assertThat(e.codeRetour()).isEqualTo(code));
    }
}
