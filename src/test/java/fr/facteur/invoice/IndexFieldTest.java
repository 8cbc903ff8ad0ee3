package fr.facteur.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.InvoiceField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexFieldTest {

    private static final InvoiceIndex INDEX = new InvoiceIndex("ACME SAS", "73282932000074", "FR44732829320",
            "Commune de Montreuil-sur-Loire", "21490222300015", "F-2026-17", LocalDate.of(2026, 11, 3),
            LocalDate.of(2026, 12, 3), "EUR", new BigDecimal("892.05"), new BigDecimal("178.41"),
            new BigDecimal("1070.46"), "EJ-2026-0042", "SERV_FINANCES");

    @Test
    void theCatalogueNamesWhatTheExtractionReportsAndNeedsTheSameFields() {
        assertThat(IndexField.variables()).containsExactlyInAnyOrderElementsOf(
                InvoiceField.ALL.stream().filter(name -> !name.equals(InvoiceField.IBAN)).toList());
        assertThat(Arrays.stream(IndexField.values()).filter(IndexField::mandatory).map(IndexField::variable))
                .containsExactlyInAnyOrderElementsOf(Extraction.MANDATORY);
    }

    @Test
    void anIndexGoesToFormVariablesAndComesBackTheSame() {
        Map<String, Object> variables = IndexField.formVariables(INDEX);
        assertThat(variables).hasSize(14).containsEntry("issueDate", "2026-11-03").containsEntry("totalTtc", 1070.46)
                .containsEntry("supplierSiret", "73282932000074");
        assertThat(IndexField.index(field -> field.read(variables.get(field.variable())))).isEqualTo(INDEX);
        assertThat(INDEX.asMap()).containsOnlyKeys(IndexField.variables()).containsEntry("totalHt", new BigDecimal("892.05"));
    }

    @Test
    void valuesArReadAsPeopleTypeThem() {
        assertThat(IndexField.TOTAL_TTC.read(" 1070,456 ")).isEqualTo(new BigDecimal("1070.46"));
        assertThat(IndexField.TOTAL_TTC.read(1070.46)).isEqualTo(new BigDecimal("1070.46"));
        assertThat(IndexField.SUPPLIER_SIRET.read("732 829 320 00074")).isEqualTo("73282932000074");
        assertThat(IndexField.CURRENCY.read("eur")).isEqualTo("EUR");
        assertThat(IndexField.ISSUE_DATE.read("2026-11-03T00:00:00.000+0100")).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(IndexField.INVOICE_NUMBER.read("  ")).isNull();
        assertThat(IndexField.INVOICE_NUMBER.read(null)).isNull();
        assertThatThrownBy(() -> IndexField.ISSUE_DATE.read("03/11/2026")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IndexField.TOTAL_HT.read("douze")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void labelsAreFrenchAndFollowTheDirection() {
        assertThat(IndexField.labels(List.of("invoiceNumber", "totalTtc"))).isEqualTo("N° de facture, Total TTC");
        assertThat(IndexField.labelOf("inconnu")).isEqualTo("inconnu");
        assertThat(IndexField.BUYER_NAME.label()).isEqualTo("Acheteur");
        assertThat(IndexField.BUYER_NAME.emissionLabel()).isEqualTo("Destinataire");
        assertThat(IndexField.TOTAL_TTC.emissionLabel()).isEqualTo("Total TTC");
        Map<String, Object> seen = new HashMap<>();
        for (IndexField field : IndexField.values()) {
            seen.put(field.label(), field);
        }
        assertThat(seen).as("no two fields share a label").hasSize(14);
    }
}
