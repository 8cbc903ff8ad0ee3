package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Structured path on every document of the corpus: every field present in the truth comes out
 * exactly, with confidence 1 (0.5 for a SIRET whose Luhn key fails), from the right source.
 */
class StructuredCorpusTest {

    private final ExtractionService service = TestExtraction.service();

    @Test
    void everyTruthFieldMatchesExactly() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Corpus.Entry entry : Corpus.entries()) {
            Extraction extraction = service.extract(entry.bytes());
            assertThat(extraction.source().isStructured()).as(entry.name()).isTrue();
            for (Map.Entry<String, String> field : Corpus.FIELDS.entrySet()) {
                String expected = entry.expected(field.getKey());
                if (expected == null) {
                    continue;
                }
                compared++;
                String actual = extraction.value(field.getValue());
                if (!Corpus.matches(field.getKey(), expected, actual)) {
                    mismatches.add(entry.name() + " " + field.getKey() + ": expected «" + expected + "» got «" + actual + "»");
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(250);
    }

    @Test
    void sourcesFollowTheContainer() {
        for (Corpus.Entry entry : Corpus.entries()) {
            Extraction extraction = service.extract(entry.bytes());
            String attachments = entry.truth().path("truth_origin").asText();
            ExtractionSource expected;
            if (!entry.isPdf()) {
                expected = entry.truth().path("syntax").asText().contains("UBL") ? ExtractionSource.UBL : ExtractionSource.CII;
            } else {
                expected = attachments.contains("'factur-x.xml'") ? ExtractionSource.FACTURX : ExtractionSource.ZUGFERD;
            }
            assertThat(extraction.source()).as(entry.name()).isEqualTo(expected);
            assertThat(extraction.fields().values()).allSatisfy(field -> assertThat(field.source()).isEqualTo(expected));
        }
    }
}
