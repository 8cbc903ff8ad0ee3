package fr.facteur.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The GED's store on a real PostgreSQL database of its own: content-addressed, verified, filed. */
class DocumentStoreTest {

    private static JdbcClient jdbc;
    private static DocumentStore store;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.newDatabase(), "postgres", "");
        Flyway.configure().dataSource(dataSource).schemas("facteur").defaultSchema("facteur")
                .locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        store = new DocumentStore(jdbc);
    }

    @Test
    void theSha256IsTheStandardOne() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theSameBytesAreStoredOnceWhateverTheirName() {
        byte[] pdf = "%PDF-1.7 facture F-1".getBytes(StandardCharsets.US_ASCII);
        StoredDocument first = store.store(pdf, "application/pdf", "facture.pdf");
        StoredDocument again = store.store(pdf.clone(), "application/pdf", "copie.pdf");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.sha256()).isEqualTo(Sha256.hex(pdf));
        assertThat(store.load(first.id())).hasValueSatisfying(content -> assertThat(content.bytes()).isEqualTo(pdf));
        assertThat(store.load(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void anEmptyDocumentIsRefusedAndAlteredBytesAreCaught() {
        assertThatThrownBy(() -> store.store(new byte[0], "application/pdf", "vide.pdf"))
                .isInstanceOf(IllegalArgumentException.class);
        StoredDocument stored = store.store("%PDF-1.7 facture F-2".getBytes(StandardCharsets.US_ASCII),
                "application/pdf", "f2.pdf");
        jdbc.sql("UPDATE facteur.document SET content = :bytes WHERE id = :id")
                .param("bytes", "%PDF-1.7 facture F-9".getBytes(StandardCharsets.US_ASCII)).param("id", stored.id()).update();
        assertThatThrownBy(() -> store.load(stored.id())).isInstanceOf(DocumentIntegrityException.class);
    }

    @Test
    void aDocumentIsFiledInItsDossierWithItsMetadata() {
        Classifications classifications = new Classifications(jdbc, new ObjectMapper());
        StoredDocument stored = store.store("%PDF-1.7 facture F-3".getBytes(StandardCharsets.US_ASCII),
                "application/pdf", "f3.pdf");
        assertThat(classifications.hasDossier("FOURNISSEUR/2026/F-3")).isFalse();
        classifications.classify(stored.id(), "FOURNISSEUR/2026/F-3", "FACTURE",
                Map.of("invoiceNumber", "F-3", "totalTtc", "1070.46"), "test");
        assertThat(classifications.hasDossier("FOURNISSEUR/2026/F-3")).isTrue();
        assertThat(classifications.inDossier("FOURNISSEUR/2026/F-3")).singleElement().satisfies(filed -> {
            assertThat(filed.documentId()).isEqualTo(stored.id());
            assertThat(filed.category()).isEqualTo("FACTURE");
            assertThat(filed.metadata().path("invoiceNumber").asText()).isEqualTo("F-3");
        });
    }
}
