package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The text-layer branch on the corpus PDFs (their XML ignored): the share of printed fields read
 * right must not fall below the floor measured when the parsers were written.
 */
class TextLayerCorpusTest {

    @Test
    void printedFieldsAreReadFromTheTextLayer() {
        ExtractionService service = TestExtraction.service();
        CorpusEvaluation.Score score = CorpusEvaluation.score(CorpusEvaluation.pdfs(), entry -> {
            Extraction extraction = service.extract(entry.bytes(), ExtractionService.Stage.TEXT);
            assertThat(extraction.source()).isEqualTo(ExtractionSource.TEXT);
            return extraction;
        });
        System.out.println("Text layer, printed fields read right:\n" + score.report());
        score.misses.forEach(miss -> System.out.println("  miss " + miss));
        assertThat(score.accuracy()).isGreaterThanOrEqualTo(0.95);
    }
}
