package fr.facteur.chorus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import fr.facteur.chorus.api.Factures.FactureRecue;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.chorus.api.Structures.StructureTrouvee;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every client call against WireMock answering with the JSON of the reference
 * ({@code shared/chorus-pro-api.md}): paths, field names, headers, token handling, errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class ChorusClientContractTest {

    static final WireMockServer PISTE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        PISTE.start();
    }

    @DynamicPropertySource
    static void chorus(DynamicPropertyRegistry registry) {
        registry.add("facteur.chorus.api-url", () -> PISTE.baseUrl() + "/");
        registry.add("facteur.chorus.token-url", () -> PISTE.baseUrl() + "/api/oauth/token");
        registry.add("facteur.chorus.client-id", () -> "app-id");
        registry.add("facteur.chorus.client-secret", () -> "app-secret");
        registry.add("facteur.chorus.login", () -> "TECH_1_42@cpro.fr");
        registry.add("facteur.chorus.password", () -> "s3cret");
        registry.add("facteur.chorus.read-timeout", () -> "2s");
        registry.add("facteur.chorus.emulator.enabled", () -> "false");
        // A second engine in this test JVM: it must not take the name the webapps and REST API look up.
        registry.add("camunda.bpm.process-engine-name", () -> "chorusContract");
    }

    @AfterAll
    static void stop() {
        PISTE.stop();
    }

    @Autowired
    private ChorusClient client;
    @Autowired
    private PisteTokenProvider tokens;

    @BeforeEach
    void reset() {
        PISTE.resetAll();
        tokens.forget();
        stubToken("token-1", 3600);
    }

    private static void stubToken(String token, int expiresIn) {
        PISTE.stubFor(post("/api/oauth/token").willReturn(okJson("""
                {"access_token": "%s", "token_type": "Bearer", "expires_in": %d, "scope": "openid"}"""
                .formatted(token, expiresIn))));
    }

    @Test
    void searchSendsTheReferenceHeadersAndFollowsEveryPage() {
        for (int page = 1; page <= 3; page++) {
            PISTE.stubFor(post("/cpro/factures/v1/rechercher/recipiendaire")
                    .withRequestBody(matchingJsonPath("$.paramRecherche.pageResultatDemandee", equalTo("" + page)))
                    .willReturn(okJson("""
                            {"codeRetour": 0, "libelle": "TRA_MSG_00.000", "pageCourante": %d, "pages": 3,
                             "nbResultatsParPage": 1, "total": 3,
                             "listeFactures": [{"idFacture": %d, "numeroFacture": "F-%d", "statut": "MISE_A_DISPOSITION",
                               "dateHeureEtatCourant": "2025-03-05 14:30", "dateDepot": "2025-03-04",
                               "dateFacture": "2025-03-01", "typeFacture": "FACTURE", "idDestinataire": 25000000001,
                               "codeDestinataire": "21345000100010", "codeFournisseur": "44105523000029",
                               "designationFournisseur": "Papeterie Durand", "numeroBonCommande": "EJ42",
                               "montantHT": 1000.00, "montantTTC": 1200.000000, "montantAPayer": 1200,
                               "devise": "EUR", "factureTelechargeeParDestinataire": false}]}"""
                            .formatted(page, 5_000_000_000L + page, page))));
        }

        List<FactureRecue> invoices = client.searchReceived(RechercheRecipiendaireRequest.changedBetween(
                25_000_000_001L, "2025-03-01T00:00:00", "2025-03-06T00:00:00", null));

        assertThat(invoices).extracting(FactureRecue::idFacture)
                .containsExactly(5_000_000_001L, 5_000_000_002L, 5_000_000_003L);
        assertThat(invoices.get(0).montantTTC()).isEqualByComparingTo(new BigDecimal("1200"));
        String account = Base64.getEncoder().encodeToString("TECH_1_42@cpro.fr:s3cret".getBytes(StandardCharsets.UTF_8));
        PISTE.verify(3, postRequestedFor(urlEqualTo("/cpro/factures/v1/rechercher/recipiendaire"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("cpro-account", equalTo(account))
                .withHeader("Content-Type", equalToIgnoreCase("application/json;charset=utf-8"))
                .withRequestBody(matchingJsonPath("$.idDestinataire", equalTo("25000000001")))
                .withRequestBody(matchingJsonPath("$.periodeDateHeureEtatCourantDu", equalTo("2025-03-01T00:00:00"))));
        PISTE.verify(1, postRequestedFor(urlEqualTo("/api/oauth/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=app-id"))
                .withRequestBody(containing("scope=openid")));
    }

    @Test
    void nullPaginationIsOnePageAndNoResultIsNotAnError() {
        PISTE.stubFor(post("/cpro/factures/v1/rechercher/recipiendaire").willReturn(okJson("""
                {"codeRetour": 0, "libelle": "TRA_MSG_00.000", "pageCourante": null, "pages": null, "total": null,
                 "listeFactures": [{"idFacture": 9007199254740993, "numeroFacture": "X"}]}""")));
        assertThat(client.searchReceived(RechercheRecipiendaireRequest.changedBetween(1L, null, null, null)))
                .extracting(FactureRecue::idFacture).containsExactly(9_007_199_254_740_993L);

        PISTE.stubFor(post("/cpro/factures/v1/rechercher/recipiendaire").willReturn(okJson("""
                {"codeRetour": 20000, "libelle": "TRA_MSG_00.015 la recherche n'a retourné aucun résultat"}""")));
        assertThat(client.searchReceived(RechercheRecipiendaireRequest.changedBetween(1L, null, null, null))).isEmpty();
    }

    @Test
    void aServerThatIgnoresThePageNumberDoesNotMakeTheClientLoop() {
        PISTE.stubFor(post("/cpro/factures/v1/rechercher/recipiendaire").willReturn(okJson("""
                {"codeRetour": 0, "libelle": "ok", "pageCourante": 1, "pages": 50000,
                 "listeFactures": [{"idFacture": 1}]}""")));
        assertThat(client.searchReceived(RechercheRecipiendaireRequest.changedBetween(1L, null, null, null)))
                .hasSize(2);
    }

    @Test
    void oneTokenServesManyCallsAndIsRenewedBeforeItExpires() throws Exception {
        reset();
        stubToken("short", 2); // renewed one second before its end (half its life: the margin is clipped)
        stubTraiter();
        client.processReceived(1L, "SERVICE_FAIT", null, null);
        client.processReceived(1L, "SERVICE_FAIT", null, null);
        PISTE.verify(1, postRequestedFor(urlEqualTo("/api/oauth/token")));

        Thread.sleep(1_100);
        client.processReceived(1L, "SERVICE_FAIT", null, null);
        PISTE.verify(2, postRequestedFor(urlEqualTo("/api/oauth/token")));
    }

    @Test
    void a401RenewsTheTokenOnceThenSucceeds() {
        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").inScenario("revoked")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer realm=\"PISTE\",error=\"invalid_token\""))
                .willSetStateTo("renewed"));
        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").inScenario("revoked").whenScenarioStateIs("renewed")
                .willReturn(okJson(TRAITER_OK)));

        assertThat(client.processReceived(7L, "SERVICE_FAIT", null, null).nouveauStatut()).isEqualTo("SERVICE_FAIT");
        PISTE.verify(2, postRequestedFor(urlEqualTo("/api/oauth/token")));
    }

    @Test
    void aPersistent401SaysWhatToCheck() {
        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate",
                        "Bearer realm=\"PISTE\",error=\"Unauthorized\",error_description=\"login or password incorrects\"")));
        assertThatThrownBy(() -> client.processReceived(7L, "SERVICE_FAIT", null, null))
                .isInstanceOf(ChorusAuthenticationException.class)
                .hasMessageContaining("login or password incorrects")
                .hasMessageContaining("facteur.chorus.login")
                .hasMessageNotContaining("s3cret");

        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> client.processReceived(7L, "SERVICE_FAIT", null, null))
                .isInstanceOf(ChorusAuthenticationException.class)
                .hasMessageContaining("raccordement");
    }

    @Test
    void codeRetourOnHttp200AndOnHttp400AreFunctionalErrors() {
        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").willReturn(okJson("""
                {"codeRetour": 20002, "libelle": "Incohérence au niveau du statut d'origine ou de destination de la facture."}""")));
        assertThatThrownBy(() -> client.processReceived(7L, "MANDATEE", null, "M-1"))
                .isInstanceOfSatisfying(ChorusFunctionalException.class, e -> {
                    assertThat(e.codeRetour()).isEqualTo(20002);
                    assertThat(e.libelle()).startsWith("Incohérence");
                });

        PISTE.stubFor(post("/cpro/factures/v1/consulter/recipiendaire").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"codeRetour\": 20001, \"libelle\": \"GDP_MSG_11.008 La demande de paiement est inconnue du système\"}")));
        assertThatThrownBy(() -> client.consultReceived(404L))
                .isInstanceOfSatisfying(ChorusFunctionalException.class, e -> assertThat(e.codeRetour()).isEqualTo(20001));
    }

    @Test
    void transientFailuresAreTechnicalAndCarryRetryAfter() {
        PISTE.stubFor(post("/cpro/transverses/v1/recuperer/structures/actives/destinataire")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertThatThrownBy(() -> client.recipientStructures())
                .isInstanceOfSatisfying(ChorusTechnicalException.class, e -> {
                    assertThat(e.status()).contains(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });

        PISTE.stubFor(post("/cpro/transverses/v1/recuperer/structures/actives/destinataire")
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
        assertThatThrownBy(() -> client.recipientStructures())
                .isInstanceOfSatisfying(ChorusTechnicalException.class, e -> assertThat(e.status()).contains(502));

        PISTE.stubFor(post("/cpro/transverses/v1/recuperer/structures/actives/destinataire")
                .willReturn(okJson("{\"codeRetour\": 0, \"listeStructures\": []}").withFixedDelay(3_000)));
        assertThatThrownBy(() -> client.recipientStructures()).isInstanceOf(ChorusTechnicalException.class)
                .hasMessageContaining("unreachable");

        PISTE.stubFor(post("/cpro/transverses/v1/recuperer/structures/actives/destinataire")
                .willReturn(okJson("{\"codeRetour\": 0, \"listeStructures\": [{\"idStructureCPP\": ")));
        assertThatThrownBy(() -> client.recipientStructures()).isInstanceOf(ChorusTechnicalException.class);
    }

    @Test
    void downloadDecodesBase64AndAsksOneInvoiceAsPdf() {
        byte[] pdf = "%PDF-1.7 facture".getBytes(StandardCharsets.US_ASCII);
        PISTE.stubFor(post("/cpro/factures/v1/telecharger/groupe")
                .withRequestBody(equalToJson("""
                        {"format": "PDF", "listeFacture": [{"idFacture": 5000000007}],
                         "avecPiecesJointesComplementaires": "NON"}"""))
                .willReturn(okJson("{\"codeRetour\": 0, \"libelle\": \"ok\", \"fichierResultat\": \""
                        + Base64.getEncoder().encodeToString(pdf) + "\"}")));
        assertThat(client.downloadPdf(5_000_000_007L)).isEqualTo(pdf);
    }

    @Test
    void tolerantReadingOfSingleObjectsAndNumericIdentifiers() {
        PISTE.stubFor(post("/cpro/transverses/v1/consulterCRDetaille").willReturn(okJson("""
                {"codeRetour": 0, "libelle": "ok", "numeroFluxDepot": "CPP0011110000000000001557",
                 "etatCourantDepotFlux": "IN_REJETE", "dateDepotFlux": "2018-02-16T15:10:25.536+01:00",
                 "listeErreurDP": {"numeroDP": "F-1", "libelleErreurDP": "Destinataire inconnu|Service obligatoire"}}""")));
        ConsulterCrDetailleResponse report = client.depositReport("CPP0011110000000000001557");
        assertThat(report.listeErreurDP()).singleElement()
                .satisfies(e -> assertThat(e.libelleErreurDP()).contains("Service obligatoire"));
        assertThat(ChorusDates.dateTime(report.dateDepotFlux())).isPresent();

        PISTE.stubFor(post("/cpro/structures/v1/rechercher").willReturn(okJson("""
                {"codeRetour": 0, "libelle": "ok", "listeStructures": {"idStructureCPP": 26073617692,
                  "identifiantStructure": 21345000100010, "typeIdentifiantStructure": "SIRET",
                  "designationStructure": "Commune", "statut": "ACTIVE"},
                 "parametresRetour": {"pageCourante": 1, "pages": 1, "nbResultatsParPage": 10, "total": 1}}""")));
        assertThat(client.findStructures(RechercherStructureRequest.bySiret("21345000100010")))
                .extracting(StructureTrouvee::idStructureCPP, StructureTrouvee::identifiantStructure)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(26_073_617_692L, "21345000100010"));
        PISTE.verify(postRequestedFor(urlEqualTo("/cpro/structures/v1/rechercher"))
                .withRequestBody(matchingJsonPath("$.structure.identifiantStructure", equalTo("21345000100010")))
                .withRequestBody(matchingJsonPath("$.structure.typeIdentifiantStructure", equalTo("SIRET"))));
    }

    @Test
    void statusPushSendsTheReferenceFields() {
        stubTraiter();
        client.processReceived(5_000_000_009L, "MANDATEE", null, "MDT-2025-77");
        PISTE.verify(postRequestedFor(urlEqualTo("/cpro/factures/v1/traiter/recue"))
                .withRequestBody(equalToJson("""
                        {"idFacture": 5000000009, "nouveauStatut": "MANDATEE", "numeroDPMandat": "MDT-2025-77"}""")));
    }

    private static final String TRAITER_OK = """
            {"codeRetour": 0, "libelle": "TRA_MSG_00.000", "idFacture": 7, "numeroFacture": "F-7",
             "dateTraitement": "2025-03-05", "nouveauStatut": "SERVICE_FAIT"}""";

    private static void stubTraiter() {
        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").willReturn(okJson(TRAITER_OK)));
    }
}
