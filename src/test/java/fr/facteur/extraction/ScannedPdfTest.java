package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.support.TestDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * An image-only PDF is read at the resolution of its scan, not rendered again at 300 dpi: a
 * scanner's 200 dpi page gives Tesseract its own pixels; a low-resolution scan is still upscaled,
 * a very fine one brought down to 300, and a page that is not one image rendered at 300.
 */
class ScannedPdfTest {

    private final ExtractionService service = TestExtraction.service();

    @Test
    void aPageThatIsOneScannedImageIsReadAtTheScansResolution() throws IOException {
        byte[] at200 = scanOf(TestDocuments.invoicePdf("SC-2026-0917"), 200);
        try (PdfReader pdf = PdfReader.open(at200)) {
            assertThat(pdf.scanResolution(0)).isEqualTo(200);
        }
        assertThat(service.ocrResolution(200)).isEqualTo(200);
        assertThat(service.ocrResolution(150)).as("below 200 dpi: upscaled").isEqualTo(300);
        assertThat(service.ocrResolution(600)).as("finer than needed: brought down").isEqualTo(300);
        assertThat(service.ocrResolution(0)).as("not a scan").isEqualTo(300);
        try (PdfReader pdf = PdfReader.open(scanOf(TestDocuments.invoicePdf("SC-1"), 150))) {
            assertThat(pdf.scanResolution(0)).isEqualTo(150);
        }
        try (PdfReader pdf = PdfReader.open(TestDocuments.invoicePdf("SC-2"))) {
            assertThat(pdf.scanResolution(0)).as("a page of text").isZero();
        }

        Extraction read = service.extract(at200, ExtractionService.Stage.OCR);
        assertThat(read.source()).isEqualTo(ExtractionSource.OCR);
        assertThat(read.value(InvoiceField.INVOICE_NUMBER)).isEqualTo("SC-2026-0917");
        assertThat(new BigDecimal(read.value(InvoiceField.TOTAL_TTC))).isPositive();
    }

    /** The PDF as a scanner would send it back: each page one grey JPEG of {@code dpi} filling the page. */
    static byte[] scanOf(byte[] pdf, int dpi) throws IOException {
        List<byte[]> jpegs = new ArrayList<>();
        for (byte[] png : CorpusEvaluation.renderPng(pdf, dpi)) {
            jpegs.add(GeneratedLayouts.jpeg(ImageIO.read(new ByteArrayInputStream(png))));
        }
        return GeneratedLayouts.imagePdf(jpegs, dpi);
    }
}
