package fr.facteur.web;

import static fr.facteur.support.Uploads.extract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.CorpusEvaluation;
import fr.facteur.extraction.HostileFiles;
import fr.facteur.support.ApplicationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/extractions}: the pipeline over HTTP, storing nothing. */
@ApplicationTest
class ExtractionApiIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;

    private TestRestTemplate demo;

    @BeforeEach
    void login() {
        demo = anonymous.withBasicAuth("demo", "demo");
    }

    @Test
    void aFacturXInvoiceIsReadFromItsXmlWithoutStoringAnything() throws Exception {
        Integer documentsBefore = jdbc.queryForObject("SELECT count(*) FROM facteur.document", Integer.class);
        byte[] pdf = Files.readAllBytes(corpus("FR_Facture_F20220025_BASIC.pdf"));

        ResponseEntity<String> response = extract(demo, pdf, "facture.pdf");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("source").asText()).isEqualTo("FACTURX");
        assertThat(body.path("pages").asInt()).isEqualTo(1);
        assertThat(body.at("/fields/invoiceNumber/value").asText()).isEqualTo("F20220025");
        assertThat(body.at("/fields/invoiceNumber/confidence").asDouble()).isEqualTo(1.0);
        assertThat(body.at("/fields/totalTtc/value").asText()).isEqualTo("120.00");
        assertThat(body.at("/fields/supplierVatNumber/value").asText()).isEqualTo("FR11123456782");
        assertThat(body.path("warnings").isArray()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM facteur.document", Integer.class)).isEqualTo(documentsBefore);
    }

    /** The plain PDF the README offers to try: no XML, read from its text layer. */
    @Test
    void theReadmesPlainSampleIsReadFromItsText() throws Exception {
        ResponseEntity<String> response = extract(demo, Files.readAllBytes(Path.of("samples",
                "facture-papeterie-simple.pdf")), "facture-papeterie-simple.pdf");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("source").asText()).isEqualTo("TEXT");
        assertThat(body.at("/fields/invoiceNumber/value").asText()).isEqualTo("FD-2026-0412");
        assertThat(body.at("/fields/supplierSiret/value").asText()).isEqualTo("44105523000029");
        assertThat(body.at("/fields/totalTtc/value").asText()).isEqualTo("328.80");
    }

    @Test
    void aScannedPageIsReadByOcr() throws Exception {
        byte[] pdf = Files.readAllBytes(corpus("FR_Facture_FA-2017-0010_BASICWL.pdf"));
        byte[] png = CorpusEvaluation.renderPng(pdf, 300).get(0);

        ResponseEntity<String> response = extract(demo, png, "scan.png");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("source").asText()).isEqualTo("OCR");
        assertThat(body.at("/fields/invoiceNumber/value").asText()).isEqualTo("FA-2017-0010");
        assertThat(body.at("/fields/totalTtc/value").asText()).isEqualTo("671.15");
        assertThat(body.at("/fields/totalTtc/source").asText()).isEqualTo("OCR");
        assertThat(body.at("/fields/totalTtc/confidence").asDouble()).isBetween(0.5, 1.0);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "empty.pdf, 400",
        "encrypted.pdf, 422",
        "corrupted.pdf, 422",
        "xxe.xml, 422",
        "billion-laughs.xml, 422",
        "huge-20000x20000.png, 413"})
    void hostileFilesGetAClearError(String file, int status) throws Exception {
        ResponseEntity<String> response = extract(demo, HostileFiles.read(file), file);

        assertThat(response.getStatusCode().value()).isEqualTo(status);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank().doesNotContain("root:");
    }

    @Test
    void theUploadPageIsServedToLoggedInUsersOnly() {
        ResponseEntity<String> page = demo.getForEntity("/televersement/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Déposer des factures", "/api/invoices", "name=\"direction\" value=\"EMITTED\"");

        ResponseEntity<String> anonymousPage = anonymous.getForEntity("/televersement/", String.class);
        assertThat(anonymousPage.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymousPage.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(extract(anonymous, new byte[] {1}, "x.pdf").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static Path corpus(String name) {
        return fr.facteur.extraction.Corpus.directory().resolve(name);
    }
}
