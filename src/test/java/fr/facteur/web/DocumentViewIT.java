package fr.facteur.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.archive.DocumentStore;
import fr.facteur.extraction.HostileFiles;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A document as the validator sees it beside the fields: a PDF's pages drawn by the server, bounded. */
@ApplicationTest
class DocumentViewIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private DocumentStore documents;
    @Autowired
    private ObjectMapper json;

    private TestRestTemplate demo() {
        return anonymous.withBasicAuth("demo", "demo");
    }

    private long store(byte[] bytes, String mediaType, String filename) {
        return documents.store(bytes, mediaType, filename).id();
    }

    @Test
    void aPdfIsShownAsItsPagesDrawnByTheServer() throws Exception {
        long id = store(TestDocuments.invoicePdf("F-VIEW-1"), MediaType.APPLICATION_PDF_VALUE, "vue.pdf");

        JsonNode view = json.readTree(demo().getForObject("/api/documents/" + id + "/view", String.class));
        assertThat(view.get("display").asText()).isEqualTo("pages");
        assertThat(view.get("pages").asInt()).isEqualTo(1);

        ResponseEntity<byte[]> page = demo().getForEntity("/api/documents/" + id + "/pages/1", byte[].class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.getBody()));
        assertThat(image.getWidth()).isEqualTo(1100);
        assertThat(image.getHeight()).isBetween(1550, 1560); // A4
        // the same page again: the browser's copy is still right, nothing drawn
        HttpHeaders again = new HttpHeaders();
        again.setIfNoneMatch(page.getHeaders().getETag());
        assertThat(demo().exchange("/api/documents/" + id + "/pages/1", HttpMethod.GET, new HttpEntity<>(again),
                byte[].class).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);

        assertThat(demo().getForEntity("/api/documents/" + id + "/pages/2", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(demo().getForEntity("/api/documents/" + id + "/pages/0", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(anonymous.getForEntity("/api/documents/" + id + "/pages/1", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // an OCR worker reads the documents of the invoices it reads, and nothing else
        assertThat(anonymous.withBasicAuth("ocr", "ocr").getForEntity("/api/documents/" + id + "/pages/1",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void hostileOrHugeDocumentsAreShownWithinBoundsOrRefusedWithTheirReason() throws Exception {
        long poster = store(HostileFiles.read("poster-page.pdf"), MediaType.APPLICATION_PDF_VALUE, "affiche.pdf");
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(
                demo().getForObject("/api/documents/" + poster + "/pages/1", byte[].class)));
        assertThat((long) drawn.getWidth() * drawn.getHeight()).isLessThanOrEqualTo(4_000_000L);

        long thousand = store(HostileFiles.read("thousand-pages.pdf"), MediaType.APPLICATION_PDF_VALUE, "mille.pdf");
        assertThat(json.readTree(demo().getForObject("/api/documents/" + thousand + "/view", String.class))
                .get("pages").asInt()).isEqualTo(1000);

        for (String name : new String[] {"encrypted.pdf", "corrupted.pdf"}) {
            long bad = store(HostileFiles.read(name), MediaType.APPLICATION_PDF_VALUE, name);
            ResponseEntity<String> view = demo().getForEntity("/api/documents/" + bad + "/view", String.class);
            assertThat(view.getStatusCode()).as(name).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(view.getBody()).as(name).containsAnyOf("mot de passe", "endommagé");
            // the original bytes stay available, to download
            assertThat(demo().getForEntity("/api/documents/" + bad, byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        long xml = store(HostileFiles.read("xxe.xml"), MediaType.APPLICATION_XML_VALUE, "xxe.xml");
        assertThat(json.readTree(demo().getForObject("/api/documents/" + xml + "/view", String.class))
                .get("display").asText()).isEqualTo("text");
        assertThat(demo().getForEntity("/api/documents/" + xml + "/pages/1", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // a 20,000-pixel square would freeze the browser: to download, not shown
        long huge = store(HostileFiles.read("huge-20000x20000.png"), MediaType.IMAGE_PNG_VALUE, "scan.png");
        assertThat(json.readTree(demo().getForObject("/api/documents/" + huge + "/view", String.class))
                .get("display").asText()).isEqualTo("none");
        long scan = store(demo().getForObject("/api/documents/" + poster + "/pages/1", byte[].class),
                MediaType.IMAGE_PNG_VALUE, "scan.png");
        assertThat(json.readTree(demo().getForObject("/api/documents/" + scan + "/view", String.class))
                .get("display").asText()).isEqualTo("image");
    }
}
