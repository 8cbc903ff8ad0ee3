package fr.facteur.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.invoice.InvoiceExtractions.StoredExtraction;
import fr.facteur.invoice.ReadingMarks.FieldMark;
import fr.facteur.invoice.ReadingMarks.Level;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReadingMarksTest {

    private static final InvoiceIndex CONSISTENT = new InvoiceIndex("Papeterie Durand SARL", "73282932000074",
            "FR44732829320", "Commune", "21345000100010", "F-1", LocalDate.of(2026, 11, 3), null, "EUR",
            new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"), null, null);

    @Test
    void eachFieldIsMarkedProvenByItsCheckOrDoubtfulByItsReading() {
        StoredExtraction reading = new StoredExtraction("OCR", 1, Map.of(
                "invoiceNumber", new ExtractedField("F-1", 0.95, ExtractionSource.OCR),
                "supplierName", new ExtractedField("Papeterie Durand SARL", 0.55, ExtractionSource.OCR),
                "totalTtc", new ExtractedField("120.00", 0.5, ExtractionSource.OCR)), List.of());

        Map<String, FieldMark> marks = ReadingMarks.marks(CONSISTENT, Optional.of(reading), 0.8).stream()
                .collect(Collectors.toMap(FieldMark::field, Function.identity()));

        assertThat(marks.get("supplierName").level()).isEqualTo(Level.DOUBTFUL);
        assertThat(marks.get("supplierName").text()).isEqualTo("lu avec une confiance de 55 % : à vérifier");
        assertThat(marks.get("supplierName").label()).isEqualTo("Fournisseur");
        // read badly, but HT + TVA = TTC proves it: the proof wins, with the reading's confidence kept
        assertThat(marks.get("totalTtc").level()).isEqualTo(Level.PROVEN);
        assertThat(marks.get("totalTtc").text()).isEqualTo("vérifié : montants cohérents (HT + TVA = TTC)");
        assertThat(marks.get("totalTtc").confidence()).isEqualTo(0.5);
        assertThat(marks.get("totalHt").confidence()).isNull();
        assertThat(marks.get("supplierVatNumber").text()).contains("cohérent avec son SIREN");
        assertThat(marks.get("buyerSiret").level()).isEqualTo(Level.PROVEN);
        // read well and proven by nothing: no mark
        assertThat(marks).doesNotContainKey("invoiceNumber");
    }

    @Test
    void wrongAmountsAndKeysProveNothing() {
        InvoiceIndex wrong = new InvoiceIndex("X", "73282932000075", "FR45732829320", null, null, "F-2", null, null,
                "EUR", new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("130.00"), null, null);

        assertThat(ReadingMarks.marks(wrong, Optional.empty(), 0.8)).isEmpty();
        assertThat(ReadingMarks.proofs(wrong)).isEmpty();
    }
}
