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
        // configured: no background call to the WireMock gateway for the expiry day while the calls are counted
        registry.add("facteur.chorus.password-expires-on", () -> "2099-12-31");
        registry.add("facteur.chorus.read-timeout", () -> "2s");
        // transient failures are tried again inside the step: quickly here
        registry.add("facteur.chorus.call-retry.backoff", () -> "50ms");
        registry.add("facteur.chorus.call-retry.max-backoff", () -> "1500ms");
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
    void aTransientFailureIsTriedAgainInsideTheStepAndAFunctionalOneNever() {
        String path = "/cpro/transverses/v1/recuperer/structures/actives/destinataire";
        PISTE.stubFor(post(path).inScenario("flaky").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        PISTE.stubFor(post(path).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("third"));
        PISTE.stubFor(post(path).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson("{\"codeRetour\": 0, \"listeStructures\": []}")));
        assertThat(client.recipientStructures()).isEmpty();
        PISTE.verify(3, postRequestedFor(urlEqualTo(path)));

        // a refusal is an answer: asked once
        PISTE.resetRequests();
        PISTE.stubFor(post("/cpro/factures/v1/consulter/recipiendaire").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"codeRetour\": 20001, \"libelle\": \"inconnue\"}")));
        assertThatThrownBy(() -> client.consultReceived(404L)).isInstanceOf(ChorusFunctionalException.class);
        PISTE.verify(1, postRequestedFor(urlEqualTo("/cpro/factures/v1/consulter/recipiendaire")));
    }

    @Test
    void aStatusPushIsRepeatedOnlyWhenChorusDidNotProcessIt() {
        String push = "/cpro/factures/v1/traiter/recue";
        // 500: maybe processed, so not sent again by the client (the status push reads first, see ChorusReception)
        PISTE.stubFor(post(push).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> client.processReceived(7L, "SERVICE_FAIT", null, null))
                .isInstanceOf(ChorusTechnicalException.class);
        PISTE.verify(1, postRequestedFor(urlEqualTo(push)));

        // 429 / 503: not processed, sent again
        PISTE.resetAll();
        stubToken("token-1", 3600);
        PISTE.stubFor(post(push).inScenario("busy").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("free"));
        PISTE.stubFor(post(push).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson("{\"codeRetour\": 0, \"libelle\": \"OK\", \"idFacture\": 7}")));
        client.processReceived(7L, "SERVICE_FAIT", null, null);
        PISTE.verify(2, postRequestedFor(urlEqualTo(push)));
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

    @Test
    void theOtherReceptionAndStructureCallsSpeakTheReferenceJson() {
        PISTE.stubFor(post("/cpro/factures/v1/consulter/historique")
                .withRequestBody(equalToJson("{\"idFacture\": 5000000001}"))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "idFacture": 5000000001, "numeroFacture": "F-1",
                         "statutCourantCode": "SUSPENDUE",
                         "historiquesDesStatuts": {"histoStatut": [
                           {"histoStatutId": 3, "histoStatutCode": "SUSPENDUE", "histoStatutDatePassage": "2025-03-05 14:30",
                            "histoStatutCommentaire": "Commentaire suspension"},
                           {"histoStatutId": 1, "histoStatutCode": "MISE_A_DISPOSITION", "histoStatutDatePassage": "2025-03-01 09:00"}],
                          "pageCouranteHistoStatut": 1, "pagesHistoStatut": 1, "totalHistoStatut": 2}}""")));
        var history = client.history(5_000_000_001L);
        assertThat(history.statutCourantCode()).isEqualTo("SUSPENDUE");
        assertThat(history.historiquesDesStatuts().histoStatut().get(0).histoStatutCommentaire())
                .isEqualTo("Commentaire suspension");
        assertThat(ChorusDates.dateTime(history.historiquesDesStatuts().histoStatut().get(0).histoStatutDatePassage()))
                .isPresent();

        PISTE.stubFor(post("/cpro/transverses/v1/recuperer/etats/traitement")
                .withRequestBody(equalToJson("{\"statutCourant\": \"MISE_A_DISPOSITION\"}"))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "listeStatutsPossiblesPourTraitement": [
                          {"statutPossiblePourTraitement": "SUSPENDUE"}, {"statutPossiblePourTraitement": "REJETEE"},
                          {"statutPossiblePourTraitement": "SERVICE_FAIT"}]}""")));
        assertThat(client.allowedTargets("MISE_A_DISPOSITION")).containsExactly("SUSPENDUE", "REJETEE", "SERVICE_FAIT");

        PISTE.stubFor(post("/cpro/transverses/v1/recuperer/structures/actives/fournisseur")
                .withRequestBody(equalToJson("{}"))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "listeStructures": [
                          {"idStructureCPP": 26073617692, "identifiant": "90000000000019", "designationStructure": "Démo"}]}""")));
        assertThat(client.supplierStructures()).singleElement()
                .satisfies(st -> assertThat(st.idStructureCPP()).isEqualTo(26_073_617_692L));

        PISTE.stubFor(post("/cpro/structures/v1/consulter")
                .withRequestBody(equalToJson("{\"idStructureCPP\": 26073617692, \"codeLangue\": \"FR\"}"))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok",
                         "informationGenerales": {"idStructureCPP": 26073617692, "identifiantStructure": "21345000100010",
                           "typeIdentifiantStructure": "SIRET", "raisonSocialeStructure": "Commune",
                           "structurePriveePublique": "PUBLIQUE"},
                         "parametres": {"codeServiceDoitEtreRenseigne": true, "numeroEJDoitEtreRenseigne": false,
                           "gestionNumeroEJOuCodeService": false, "statutMiseEnPaiementNestPasRemonte": true}}""")));
        var structure = client.structure(26_073_617_692L);
        assertThat(structure.parametres().codeServiceDoitEtreRenseigne()).isTrue();
        assertThat(structure.parametres().statutMiseEnPaiementNestPasRemonte()).isTrue();

        PISTE.stubFor(post("/cpro/structures/v1/rechercher/services")
                .withRequestBody(matchingJsonPath("$.idStructure", equalTo("26073617692")))
                .withRequestBody(matchingJsonPath("$.parametresRechercherServicesStructure.pageResultatDemandee",
                        equalTo("1")))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "listeServices": [
                          {"idService": 5000000099, "codeService": "SERV_FINANCES", "libelleService": "Finances",
                           "dateDbtService": "2020-01-01T00:00:00.000+01:00", "estActif": true}],
                         "parametresRetour": {"pageCourante": 1, "pages": 1, "nbResultatsParPage": 10, "total": 1}}""")));
        assertThat(client.services(26_073_617_692L)).singleElement()
                .satisfies(sv -> assertThat(sv.codeService()).isEqualTo("SERV_FINANCES"));
    }

    @Test
    void theEmissionCallsSpeakTheReferenceJson() {
        byte[] xml = "<Invoice/>".getBytes(StandardCharsets.UTF_8);
        PISTE.stubFor(post("/cpro/factures/v1/deposer/flux")
                .withRequestBody(equalToJson("""
                        {"fichierFlux": "%s", "nomFichier": "f.xml", "syntaxeFlux": "IN_DP_E1_UBL_INVOICE",
                         "avecSignature": false}""".formatted(Base64.getEncoder().encodeToString(xml))))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "numeroFluxDepot": "CPP0011110000000000001557",
                         "dateDepot": "2025-03-05", "syntaxeFlux": "IN_DP_E1_UBL_INVOICE"}""")));
        assertThat(client.depositFlux(xml, "f.xml", "IN_DP_E1_UBL_INVOICE").numeroFluxDepot())
                .isEqualTo("CPP0011110000000000001557");

        PISTE.stubFor(post("/cpro/factures/v1/deposer/flux").willReturn(okJson("{\"codeRetour\": 0}")));
        assertThatThrownBy(() -> client.depositFlux(xml, "f.xml", "IN_DP_E1_UBL_INVOICE"))
                .isInstanceOf(ChorusTechnicalException.class).hasMessageContaining("without its result");

        PISTE.stubFor(post("/cpro/factures/v1/rechercher/fournisseur")
                .withRequestBody(matchingJsonPath("$.numeroFluxDepot", equalTo("CPP0011110000000000001557")))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "listeFactures": [{"identifiantFactureCPP": 5000000123,
                          "numeroFacture": "F-9", "statut": "MISE_A_DISPOSITION"}],
                         "parametresRetour": {"pageCourante": 1, "pages": 1, "nbResultatsParPage": 10, "total": 1}}""")));
        assertThat(client.searchEmitted(new fr.facteur.chorus.api.Factures.RechercheFournisseurRequest(
                "CPP0011110000000000001557", null, null, null)))
                .extracting(fr.facteur.chorus.api.Factures.FactureEmise::identifiantFactureCPP)
                .containsExactly(5_000_000_123L);

        PISTE.stubFor(post("/cpro/factures/v1/consulter/fournisseur")
                .withRequestBody(equalToJson("{\"identifiantFactureCPP\": 5000000123}"))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "facture": {"identifiantFactureCPP": 5000000123,
                          "numeroFacture": "F-9", "statutFacture": "SUSPENDUE",
                          "montantTotal": {"montantHtTotal": 100, "montantTVA": 20, "montantTtcTotal": 120,
                            "montantAPayer": 120}}}""")));
        assertThat(client.consultEmitted(5_000_000_123L).statutFacture()).isEqualTo("SUSPENDUE");

        PISTE.stubFor(post("/cpro/transverses/v1/ajouter/fichier")
                .withRequestBody(matchingJsonPath("$.pieceJointeNom", equalTo("bl.pdf")))
                .withRequestBody(matchingJsonPath("$.pieceJointeTypeMime", equalTo("application/pdf")))
                .withRequestBody(matchingJsonPath("$.pieceJointeExtension", equalTo("pdf")))
                .willReturn(okJson("{\"codeRetour\": 0, \"libelle\": \"ok\", \"pieceJointeId\": 5000000200}")));
        assertThat(client.addFile(xml, "bl.pdf", "application/pdf", "pdf")).isEqualTo(5_000_000_200L);

        PISTE.stubFor(post("/cpro/factures/v1/deposer/pdf")
                .withRequestBody(matchingJsonPath("$.formatDepot", equalTo("PDF_NON_SIGNE")))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "pieceJointeId": 5000000201, "numeroFacture": "F-10",
                         "montantHtTotal": 100.00}""")));
        assertThat(client.depositPdf(xml, "f.pdf").pieceJointeId()).isEqualTo(5_000_000_201L);

        PISTE.stubFor(post("/cpro/factures/v1/soumettre")
                .withRequestBody(matchingJsonPath("$.pieceJointePrincipale[0].pieceJointePrincipaleId",
                        equalTo("5000000201")))
                .withRequestBody(matchingJsonPath("$.destinataire.codeDestinataire", equalTo("21345000100010")))
                .withRequestBody(matchingJsonPath("$.numeroFactureSaisi", equalTo("F-10")))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "identifiantFactureCPP": 5000000300, "numeroFacture": "F-10",
                         "dateDepot": "2025-03-05", "statutFacture": "DEPOSEE"}""")));
        var submitted = client.submit(new fr.facteur.chorus.api.Factures.SoumettreFactureRequest("DEPOT_PDF_API", "F-10",
                "2025-03-05", new fr.facteur.chorus.api.Factures.SoumettreDestinataire("21345000100010", "SERV"),
                new fr.facteur.chorus.api.Factures.SoumettreFournisseur(1L, null),
                new fr.facteur.chorus.api.Factures.CadreDeFacturation("A1_FACTURE_FOURNISSEUR"), null,
                new fr.facteur.chorus.api.Common.MontantTotal(BigDecimal.TEN, BigDecimal.ONE, new BigDecimal("11"),
                        new BigDecimal("11")),
                List.of(new fr.facteur.chorus.api.Factures.PieceJointePrincipale("Facture", 5_000_000_201L)), null));
        assertThat(submitted.identifiantFactureCPP()).isEqualTo(5_000_000_300L);

        PISTE.stubFor(post("/cpro/factures/v1/completer")
                .withRequestBody(matchingJsonPath("$.pieceJointeComplementaire[0].pieceJointeComplementaireId",
                        equalTo("5000000200")))
                .willReturn(okJson("""
                        {"codeRetour": 0, "libelle": "ok", "identifiantFactureCPP": 5000000123, "numeroFacture": "F-9",
                         "dateTraitement": "2025-03-06"}""")));
        assertThat(client.complete(new fr.facteur.chorus.api.Factures.CompleterFactureRequest(5_000_000_123L, "BL",
                List.of(new fr.facteur.chorus.api.Factures.PieceJointeComplementaire("BL", "BON_LIVRAISON",
                        5_000_000_200L)))).dateTraitement()).isEqualTo("2025-03-06");
    }

    private static final String TRAITER_OK = """
            {"codeRetour": 0, "libelle": "TRA_MSG_00.000", "idFacture": 7, "numeroFacture": "F-7",
             "dateTraitement": "2025-03-05", "nouveauStatut": "SERVICE_FAIT"}""";

    private static void stubTraiter() {
        PISTE.stubFor(post("/cpro/factures/v1/traiter/recue").willReturn(okJson(TRAITER_OK)));
    }
}
