package fr.facteur.workflow.reception;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.invoice.InvoiceExtractions.StoredExtraction;
import fr.facteur.invoice.InvoiceIndex;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingNotesListenerTest {

    private static final InvoiceIndex CONSISTENT = new InvoiceIndex("Papeterie Durand SARL", "73282932000074",
            "FR44732829320", "Commune", "21345000100010", "F-1", LocalDate.of(2026, 11, 3), null, "EUR",
            new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"), null, null);

    @Test
    void aTextReadingNamesItsDoubtfulFieldsAndWhatTheChecksProve() {
        StoredExtraction reading = new StoredExtraction("TEXT", 1, Map.of(
                "invoiceNumber", new ExtractedField("F-1", 0.95, ExtractionSource.TEXT),
                "supplierName", new ExtractedField("Papeterie Durand SARL", 0.55, ExtractionSource.TEXT),
                "dueDate", new ExtractedField("2026-12-03", 0.4, ExtractionSource.TEXT)), List.of());

        String notes = ReadingNotesListener.notes(CONSISTENT, false, Optional.of(reading), 0.8);

        assertThat(notes).contains("texte du PDF")
                .contains("Lu avec une confiance faible : Date d'échéance (40 %), Fournisseur (55 %).")
                .doesNotContain("N° de facture (")
                .contains("montants cohérents (HT + TVA = TTC)", "SIRET du fournisseur valide",
                        "SIRET de l'acheteur valide", "n° de TVA du fournisseur cohérent avec son SIREN");
    }

    @Test
    void nothingProvenIsSaidToo() {
        InvoiceIndex wrong = new InvoiceIndex("X", "73282932000075", "FR45732829320", null, null, "F-2", null, null,
                "EUR", new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("130.00"), null, null);
        StoredExtraction structured = new StoredExtraction("FACTURX", 1, Map.of(
                "invoiceNumber", new ExtractedField("F-2", 1.0, ExtractionSource.FACTURX)), List.of());

        assertThat(ReadingNotesListener.notes(wrong, false, Optional.of(structured), 0.8))
                .contains("données structurées (FACTURX)").doesNotContain("confiance faible")
                .contains("Aucun champ prouvé par un contrôle");
        assertThat(ReadingNotesListener.notes(CONSISTENT, true, Optional.empty(), 0.8)).contains("données reçues de Chorus Pro");
        assertThat(ReadingNotesListener.notes(CONSISTENT, false, Optional.empty(), 0.8)).contains("document illisible");
    }
}
