package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The OCR branch on the corpus PDFs rendered to 300-dpi PNG pages (no text layer, no XML): the
 * share of printed fields read right must not fall below the floor measured when it was written.
 */
class OcrCorpusTest {

    @Test
    void printedFieldsAreReadFromScannedPages() {
        ExtractionService service = TestExtraction.service();
        int dpi = Integer.getInteger("ocr.dpi", 300);
        CorpusEvaluation.Score score = CorpusEvaluation.score(CorpusEvaluation.pdfs(), entry -> {
            Extraction extraction = service.fromImages(CorpusEvaluation.renderPng(entry.bytes(), dpi));
            assertThat(extraction.source()).isEqualTo(ExtractionSource.OCR);
            return extraction;
        });
        System.out.println("OCR at " + dpi + " dpi, printed fields read right:\n" + score.report());
        score.misses.forEach(miss -> System.out.println("  miss " + miss));
        assertThat(score.accuracy()).isGreaterThanOrEqualTo(0.93);
    }
}
