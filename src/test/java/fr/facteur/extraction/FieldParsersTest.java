package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parsers shared by the text-layer and OCR branches, on French and European formats. */
class FieldParsersTest {

    @ParameterizedTest(name = "«{0}» → {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "1 234,56 €|1234.56",
        "1.234,56|1234.56",
        "1,234.56|1234.56",
        "1234.56|1234.56",
        "1 234 567,89 EUR|1234567.89",
        "1.234|1234",
        "1,5|1.5",
        "-12,00|-12.00",
        "12 000|12000",
        "1'234.50 CHF|1234.50",
        "1,2345|NONE",
        "abc|NONE",
        "|NONE"})
    void amounts(String text, String expected) {
        Optional<BigDecimal> parsed = Amounts.parse(text);
        if (expected == null) {
            assertThat(parsed).isEmpty();
        } else {
            assertThat(parsed).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
        }
    }

    @ParameterizedTest(name = "«{0}» → {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "12/03/2025|2025-03-12",
        "12.03.2025|2025-03-12",
        "12-03-25|2025-03-12",
        "12 mars 2025|2025-03-12",
        "1er mars 2025|2025-03-01",
        "5 décembre 2024|2024-12-05",
        "5. März 2024|2024-03-05",
        "11. Juli 2014|2014-07-11",
        "5 March 2024|2024-03-05",
        "February 17, 2026|2026-02-17",
        "2025-03-12|2025-03-12",
        "20250312|2025-03-12",
        "31/02/2025|NONE",
        "12 truc 2025|NONE"})
    void dates(String text, String expected) {
        assertThat(Dates.parse(text)).isEqualTo(Optional.ofNullable(expected).map(LocalDate::parse));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "FR 11 123 456 782|true",
        "FR11123456782|true",
        "FR12123456782|false",
        "FR40303265045|true",
        "DE123456789|true",
        "FR1112345678|false",
        "XX123456789|false"})
    void vatNumbers(String vat, boolean valid) {
        assertThat(VatNumbers.isValid(vat)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "FR76 3000 6000 0112 3456 7890 189|true",
        "FR7630006000011234567890189|true",
        "FR7630006000011234567890188|false",
        "DE89 3704 0044 0532 0130 00|true",
        "DE89 3704 0044 0532 0130 0|false",
        "GB82 WEST 1234 5698 7654 32|true"})
    void ibans(String iban, boolean valid) {
        assertThat(Ibans.isValid(iban)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "IBAN : FR76 3000 6000 0112 3456 7890 189 - BIC : AGRIFRPP|FR7630006000011234567890189",
        "IBAN-Nr.: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX|DE89370400440532013000"})
    void ibansInText(String line, String expected) {
        assertThat(Ibans.findAll(line)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "N° TVA : FR 11 123 456 782 Contact: 01 01 25 45 87|FR11123456782",
        "VAT Registration No. DE777777777 999 / 9 99 99 99|DE777777777"})
    void vatNumbersInText(String line, String expected) {
        assertThat(VatNumbers.findAll(line)).first().isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "FACTURE N° : F20220023|invoiceNumber|F20220023",
        "N° DE FACTURE ASSOCIÉE : F20220003\\nFacture liée FA-2017-0010\\nAvoir AV-2017-0005|invoiceNumber|AV-2017-0005",
        "Rechnungsnummer: 2014-03 Liefer- und Rechnungsdatum: 11. Juli 2014|invoiceNumber|2014-03",
        "Handelsrechnung (380) Nr. 471102 vom 05.03.2018|invoiceNumber|471102",
        "Date de facture 13/11/2017|issueDate|2017-11-13",
        "Date d'échéance : 02/03/2022|dueDate|2022-03-02",
        "Zahlbar innerhalb 30 Tagen netto bis 04.07.2013, 3% Skonto bis 15.06.2013|dueDate|2013-07-04",
        "N° BON DE COMMANDE : PO201925478|purchaseOrderReference|PO201925478",
        "TVA : FR11999999998 - SIRET : 99999999800010 - APE : 4778C|supplierVatNumber|FR11999999998",
        "IBAN : FR20 1242 1242 1242 1242 1242 124 - BIC : FIDCFR21XXX|iban|FR2012421242124212421242124",
        "DEVISE : EURO (EUR)|currency|EUR"})
    void fieldsAfterTheirLabel(String line, String field, String expected) {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(PageText.ofPlainText(line.replace("\\n", "\n")),
                ExtractionSource.TEXT);
        assertThat(result.fields().get(field)).isNotNull().extracting(ExtractedField::value).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Total HT 624,90 €\\nTotal taxes 46,25 €\\nTotal TTC 671,15 €\\nSolde à payer 470,15 €|624.90|46.25|671.15",
        "Rechnungssumme ohne USt. 858,75\\nGBP 163,16\\nSteuerbetrag in\\nBruttosumme 1021,91|858.75|163.16|1021.91",
        "Total HT -218,48\\nTotal TVA -14,99\\nTotal TTC -233,47|218.48|14.99|233.47"})
    void totalsAreChosenTogether(String text, String ht, String tva, String ttc) {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(PageText.ofPlainText(text.replace("\\n", "\n")),
                ExtractionSource.TEXT);
        assertThat(result.fields().get(InvoiceField.TOTAL_HT).value()).isEqualTo(ht);
        assertThat(result.fields().get(InvoiceField.TOTAL_TVA).value()).isEqualTo(tva);
        assertThat(result.fields().get(InvoiceField.TOTAL_TTC).value()).isEqualTo(ttc);
        assertThat(result.fields().get(InvoiceField.TOTAL_TTC).confidence()).isGreaterThan(0.9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "FACTURE N FCAC|FCAC",
        "Facture n° : FA-XK Date : 12/03/2025|FA-XK",
        "FACTURE N° DUPLICATA|NONE",
        "FACTURE N\\nPAPETERIE DURAND|NONE",
        "FACTURE N F-DGP-UPLOAD\\nTotal HT : 1 000,00 EUR|F-DGP-UPLOAD"})
    void anInvoiceNumberOfLettersOnlyIsTakenAfterAnExplicitLabelForAPersonToCheck(String text, String expected) {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(PageText.ofPlainText(text.replace("\\n", "\n")),
                ExtractionSource.TEXT);
        ExtractedField number = result.fields().get(InvoiceField.INVOICE_NUMBER);
        if (expected == null) {
            assertThat(number).isNull();
        } else {
            assertThat(number.value()).isEqualTo(expected);
            assertThat(number.confidence()).as("below the form's threshold (0.8)").isLessThan(0.8);
        }
        TextFieldExtractor.Result withDigits = TextFieldExtractor.extract(PageText.ofPlainText("Facture n° FCAC-2026"),
                ExtractionSource.TEXT);
        assertThat(withDigits.fields().get(InvoiceField.INVOICE_NUMBER).confidence()).isGreaterThan(0.9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "FACTURE N° : F20220023|F20220023|true",
        "Invoice no. : 018304 / 28865|018304|false",
        "Invoice no. : test decimal 1|1|false",
        "Rechnungsnummer: 2014-03 Liefer- und Rechnungsdatum: 11. Juli 2014|2014-03|true"})
    void aNumberThatMayNotBeWholeOrNotRightAfterItsLabelIsTakenLessSurely(String text, String expected, boolean sure) {
        ExtractedField number = TextFieldExtractor.extract(PageText.ofPlainText(text), ExtractionSource.TEXT).fields()
                .get(InvoiceField.INVOICE_NUMBER);
        assertThat(number.value()).isEqualTo(expected);
        if (sure) {
            assertThat(number.confidence()).isGreaterThan(0.9);
        } else {
            assertThat(number.confidence()).isLessThan(0.8);
        }
    }

    @org.junit.jupiter.api.Test
    void aBuyerSiretIsNotSureWhenTheSuppliersCannotBeToldApart() {
        TextFieldExtractor.Result sideBySide = TextFieldExtractor.extract(PageText.ofPlainText(
                "LIEFERANT RECHNUNGSEMPFÄNGER\nAu bon moulin LE CLIENT\nSIRET : 99999999800019 SIRET : 78787878400018"),
                ExtractionSource.TEXT);
        assertThat(sideBySide.fields().get(InvoiceField.BUYER_SIRET).confidence()).isLessThan(0.8);
        TextFieldExtractor.Result told = TextFieldExtractor.extract(PageText.ofPlainText(
                "Au bon moulin - SIRET : 99999999800019\nClient : LE CLIENT - SIRET : 78787878400018"),
                ExtractionSource.TEXT);
        assertThat(told.fields().get(InvoiceField.BUYER_SIRET).value()).isEqualTo("78787878400018");
        assertThat(told.fields().get(InvoiceField.BUYER_SIRET).confidence()).isGreaterThan(0.9);
    }

    @org.junit.jupiter.api.Test
    void inconsistentTotalsLoseConfidence() {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(
                PageText.ofPlainText("Total HT 100,00\nTotal TVA 20,00\nTotal TTC 130,00"), ExtractionSource.TEXT);
        assertThat(result.fields().get(InvoiceField.TOTAL_TTC).confidence()).isLessThanOrEqualTo(0.6);
        assertThat(result.warnings()).anyMatch(w -> w.contains("HT + TVA = TTC"));
    }

    @org.junit.jupiter.api.Test
    void aSiretWhoseLuhnKeyFailsIsNeverAboveOneHalf() {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(
                PageText.ofPlainText("SIRET : 732 829 320 00075"), ExtractionSource.TEXT);
        assertThat(result.fields().get(InvoiceField.SUPPLIER_SIRET).confidence()).isLessThanOrEqualTo(0.5);
        TextFieldExtractor.Result valid = TextFieldExtractor.extract(
                PageText.ofPlainText("SIRET : 732 829 320 00074"), ExtractionSource.TEXT);
        assertThat(valid.fields().get(InvoiceField.SUPPLIER_SIRET).confidence()).isGreaterThan(0.9);
    }

    @org.junit.jupiter.api.Test
    void theTotalWithoutVatUnderAnUnknownLabelIsProvenByTheOtherTwo() {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(PageText.ofPlainText(
                "Montant hors taxes 1 000,00\nTVA 20 % 200,00\nTotal TTC 1 200,00"), ExtractionSource.TEXT);
        assertThat(result.fields().get(InvoiceField.TOTAL_HT).value()).isEqualTo("1000.00");
        assertThat(result.fields().get(InvoiceField.TOTAL_HT).confidence()).isGreaterThan(0.8);
        assertThat(result.fields().get(InvoiceField.TOTAL_TVA).value()).isEqualTo("200.00");
        // no printed amount is TTC - TVA: nothing is made up
        TextFieldExtractor.Result unproven = TextFieldExtractor.extract(PageText.ofPlainText(
                "Montant hors taxes 999,00\nTVA 20 % 200,00\nTotal TTC 1 200,00"), ExtractionSource.TEXT);
        assertThat(unproven.fields().get(InvoiceField.TOTAL_HT)).isNull();
        // a "VAT" that no rate in use gives (more than 30 % of the rest) proves nothing
        TextFieldExtractor.Result implausible = TextFieldExtractor.extract(PageText.ofPlainText(
                "Base 100,00\nTVA 1 100,00\nTotal TTC 1 200,00"), ExtractionSource.TEXT);
        assertThat(implausible.fields().get(InvoiceField.TOTAL_HT)).isNull();
    }

    @org.junit.jupiter.api.Test
    void partiesPrintedSideBySideAreToldApartByTheirColumns() {
        PageText page = columns(
                new String[] {"ÉMETTEUR", "FACTURÉ À"},
                new String[] {"Au bon moulin", "Ma jolie boutique"},
                new String[] {"SIRET 73282932000074", "SIRET 21750001600019"},
                new String[] {"N° TVA FR44732829320", "N° TVA FR72217500016"});
        TextFieldExtractor.Result result = TextFieldExtractor.extract(page, ExtractionSource.TEXT);
        assertThat(result.fields().get(InvoiceField.SUPPLIER_VAT_NUMBER).value()).isEqualTo("FR44732829320");
        assertThat(result.fields().get(InvoiceField.SUPPLIER_SIRET).value()).isEqualTo("73282932000074");
        assertThat(result.fields().get(InvoiceField.BUYER_SIRET).value()).isEqualTo("21750001600019");
        assertThat(result.fields().get(InvoiceField.SUPPLIER_NAME).value()).isEqualTo("Au bon moulin");
        assertThat(result.fields().get(InvoiceField.BUYER_NAME).value()).isEqualTo("Ma jolie boutique");
    }

    @org.junit.jupiter.api.Test
    void aTitleOrALabelledFieldIsNoPartysName() {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(PageText.ofPlainText(
                "TAX INVOICE\nCurrency: EUR\nAu bon moulin"), ExtractionSource.TEXT);
        assertThat(result.fields().get(InvoiceField.SUPPLIER_NAME).value()).isEqualTo("Au bon moulin");
    }

    /** Lines of two blocks side by side: the left one at x = 0, the right one at x = 200 (one unit a character). */
    private static PageText columns(String[]... rows) {
        java.util.List<PageText.Word> words = new java.util.ArrayList<>();
        double y = 0;
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                double x = 200 * column;
                for (String token : row[column].split(" ")) {
                    words.add(new PageText.Word(token, x, y, x + token.length(), y + 1, 1));
                    x += token.length() + 1;
                }
            }
            y += 2;
        }
        return PageText.ofPages(java.util.List.of(words));
    }
}
