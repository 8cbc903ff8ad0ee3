package fr.facteur.web;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.Corpus;
import fr.facteur.extraction.CorpusEvaluation;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.support.ApplicationTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/search}: invoices found by their data and by words only their scan shows. */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private InvoiceExtractions extractions;

    private long scanned;

    @BeforeAll
    void aScannedInvoice() throws Exception {
        byte[] pdf = Files.readAllBytes(Corpus.directory().resolve("FR_Facture_FA-2017-0010_BASICWL.pdf"));
        // a greyer copy than other tests', so that its bytes (and its invoice) are its own
        byte[] png = CorpusEvaluation.renderPng(pdf, 280).get(0);
        ResponseEntity<String> created = upload(demo(), png, "scan-recherche.png");
        scanned = json.readTree(created.getBody()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> extractions.find(scanned).isPresent());
    }

    @Test
    void aWordOnlyTheScanShowsFindsTheInvoiceWithThePassage() throws Exception {
        JsonNode result = search("nougat");

        assertThat(ids(result)).contains(scanned);
        JsonNode item = item(result, scanned);
        assertThat(item.path("highlight").asText()).containsIgnoringCase("«Nougat»");
        assertThat(item.path("status").asText()).isNotBlank();
    }

    @Test
    void accentsDoNotMatter() throws Exception {
        assertThat(ids(search("republique"))).contains(scanned);
        assertThat(ids(search("République"))).contains(scanned);
    }

    @Test
    void theInvoiceDataIsSearchedToo() throws Exception {
        JsonNode result = search("FA-2017-0010");

        assertThat(ids(result)).contains(scanned);
        assertThat(item(result, scanned).path("invoiceNumber").asText()).isEqualTo("FA-2017-0010");
    }

    @Test
    void nothingMatchesNothing() throws Exception {
        JsonNode result = search("xylophonesque");

        assertThat(result.path("items")).isEmpty();
        assertThat(result.path("total").asInt()).isZero();
    }

    @Test
    void badInputAnswers400WithTheReason() throws Exception {
        ResponseEntity<String> nul = demo().getForEntity(java.net.URI.create("/api/search?q=%00"), String.class);
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(nul.getBody()).get("detail").asText()).contains("caractère de contrôle");
        assertThat(demo().getForEntity("/api/search?q={q}", String.class, "a".repeat(501)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aLoginIsRequired() {
        assertThat(anonymous.getForEntity("/api/search?q=nougat", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode search(String query) throws Exception {
        ResponseEntity<String> response = demo().getForEntity("/api/search?q={q}", String.class, query);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    private static JsonNode item(JsonNode result, long id) {
        for (JsonNode item : result.path("items")) {
            if (item.path("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("invoice " + id + " not found in " + result);
    }

    private TestRestTemplate demo() {
        return anonymous.withBasicAuth("demo", "demo");
    }
}
