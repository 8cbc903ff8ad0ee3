package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.extraction.UnreadableDocumentException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every hostile file gets a clear refusal (or a warning), in bounded time and memory. */
class HostileDocumentsTest {

    private final ExtractionService service = TestExtraction.service();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "empty.pdf, EMPTY",
        "corrupted.pdf, CORRUPTED",
        "encrypted.pdf, ENCRYPTED",
        "huge-20000x20000.png, TOO_LARGE",
        "xxe.xml, HOSTILE_XML",
        "billion-laughs.xml, HOSTILE_XML",
        "not-an-invoice.xml, NOT_AN_INVOICE"})
    void isRefusedWithAClearReason(String file, Reason reason) {
        assertThatThrownBy(() -> service.extract(HostileFiles.read(file)))
                .isInstanceOfSatisfying(UnreadableDocumentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("root:");
                });
    }

    @org.junit.jupiter.api.Test
    void aTruncatedPdfIsReadAsFarAsPossibleAndSaidToBeTruncated() {
        Extraction extraction = service.extract(HostileFiles.read("truncated.pdf"));

        assertThat(extraction.warnings()).anyMatch(w -> w.contains("tronqué"));
    }

    @org.junit.jupiter.api.Test
    void aThousandPageScanIsReadUpToTheOcrLimitWithAWarning() {
        Extraction extraction = service.extract(HostileFiles.read("thousand-pages.pdf"));

        assertThat(extraction.pages()).isEqualTo(1000);
        assertThat(extraction.source()).isEqualTo(ExtractionSource.OCR);
        assertThat(extraction.warnings()).anyMatch(w -> w.contains("seules les 20 premières"));
    }

    @org.junit.jupiter.api.Test
    void aPosterSizedPageIsRenderedSmallEnoughToRead() {
        Extraction extraction = service.extract(HostileFiles.read("poster-page.pdf"));

        assertThat(extraction.source()).isEqualTo(ExtractionSource.OCR);
        assertThat(extraction.pages()).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void aDocumentThatIsNotAnInvoiceComesBackEmptyWithAWarning() {
        Extraction extraction = service.extract(HostileFiles.read("not-an-invoice.pdf"));

        assertThat(extraction.source()).isEqualTo(ExtractionSource.TEXT);
        assertThat(extraction.fields()).doesNotContainKeys(InvoiceField.INVOICE_NUMBER, InvoiceField.TOTAL_TTC);
        assertThat(extraction.warnings()).isNotEmpty();
    }
}
