package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.support.TestDocuments;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;

/**
 * A Factur-X built from confirmed fields: Mustang reads it back, and our own reader finds exactly
 * the confirmed values in it (on a plain PDF, and on a corpus Factur-X whose XML said otherwise);
 * Mustang's validator (PDF/A-3, EN 16931, French CIUS) passes what Facteur deposits.
 */
class FacturXWriterTest {

    /** The demo company as the default run configures it (facteur.emission.sellers). */
    private static final FacturXWriter.Seller SELLER = new FacturXWriter.Seller("Facteur Démo SARL", "FR65900000000",
            "12 rue des Archives", "75004", "Paris", "FR", "FR7630006000011234567890189", "AGRIFRPPXXX",
            "Indemnité forfaitaire pour frais de recouvrement : 40 €.", "Intérêts moratoires : taux BCE + 8 points.",
            "Pas d'escompte pour paiement anticipé.");
    /** A seller Facteur knows nothing about but the platform's legal notes. */
    private static final FacturXWriter.Seller NOTES_ONLY = new FacturXWriter.Seller(null, null, null, null, null, null,
            null, null, SELLER.recoveryCostsNote(), SELLER.latePenaltiesNote(), SELLER.discountNote());
    private static final ConformityValidator VALIDATOR = new ConformityValidator();

    private static final FacturXWriter.Content CONFIRMED = new FacturXWriter.Content("FX-2026-0042",
            LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 20), "EUR", "Facteur Démo SARL", "90000000000019",
            "FR32900000000", "Département du Val-de-Brenne", "22450000100009", "DGS_FINANCES", "EJ-2026-118",
            new BigDecimal("1250.00"), new BigDecimal("250.00"), new BigDecimal("1500.00"));

    @Test
    void plainPdfBecomesAFacturXCarryingTheConfirmedValues() throws Exception {
        byte[] facturX = FacturXWriter.write(TestDocuments.invoicePdf("FX-2026-0042"), CONFIRMED, SELLER);

        ZUGFeRDInvoiceImporter mustang = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(facturX));
        org.mustangproject.Invoice read = mustang.extractInvoice();
        assertThat(read.getNumber()).isEqualTo("FX-2026-0042");
        assertThat(read.getReferenceNumber()).isEqualTo("DGS_FINANCES");

        Extraction extraction = TestExtraction.service().extract(facturX);
        assertThat(extraction.source()).isEqualTo(ExtractionSource.FACTURX);
        assertConfirmedValues(extraction);
        assertThat(VALIDATOR.validate(facturX, "built.pdf").reasons()).as("only the PDF itself fails: its font is "
                + "not embedded").singleElement().asString().contains("police", "6.2.11.4.1");
    }

    @Test
    void aPdfThatIsNotPdfAGetsAPageDrawnByFacteurAndPassesTheValidatorWithTheOriginalInside() throws Exception {
        byte[] original = TestDocuments.invoicePdf("FX-2026-0042");

        byte[] facturX = FacturXWriter.writeOnOwnPage(CONFIRMED, SELLER, original);

        ConformityValidator.Report report = VALIDATOR.validate(facturX, "factur-x.pdf");
        assertThat(report.reasons()).isEmpty();
        assertThat(report.passed()).isTrue();
        Extraction extraction = TestExtraction.service().extract(facturX);
        assertConfirmedValues(extraction);
        try (PDDocument document = Loader.loadPDF(facturX)) {
            Map<String, PDComplexFileSpecification> files = document.getDocumentCatalog().getNames()
                    .getEmbeddedFiles().getNames();
            assertThat(files.keySet()).containsExactlyInAnyOrder("factur-x.xml", FacturXWriter.ORIGINAL_NAME);
            assertThat(files.get(FacturXWriter.ORIGINAL_NAME).getEmbeddedFile().toByteArray()).isEqualTo(original);
            String page = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(page).as("the confirmed VAT number wins over the configured one")
                    .contains("FACTURE N° FX-2026-0042", "SIRET 22450000100009", "1 500,00 EUR", "FR32900000000",
                            "Pas d'escompte pour paiement anticipé.");
        }
        String xml = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(facturX)).getUTF8();
        assertThat(xml).as("legal notes, SIREN, SIRET and electronic addresses (BR-FR-05, 10, 12, 13)")
                .contains("<ram:SubjectCode>PMT</ram:SubjectCode>", "<ram:SubjectCode>PMD</ram:SubjectCode>",
                        "<ram:SubjectCode>AAB</ram:SubjectCode>", "<ram:ID schemeID=\"0002\">900000000</ram:ID>",
                        "<ram:GlobalID schemeID=\"0009\">90000000000019</ram:GlobalID>",
                        "<ram:URIID schemeID=\"0009\">22450000100009</ram:URIID>",
                        "<ram:ID schemeID=\"VA\">FR32900000000</ram:ID>")
                .doesNotContainPattern("<ram:[A-Za-z]+/>|<ram:([A-Za-z]+)>\\s*</ram:\\1>");
    }

    @Test
    void aSellerWithoutVatNumberFailsBrS02InFrenchUntilTheInvoiceCarriesIt() {
        FacturXWriter.Content noVat = new FacturXWriter.Content("FX-7", LocalDate.of(2026, 11, 20), null, "EUR",
                "LE FOURNISSEUR", "12345678200077", null, "LE CLIENT", "98765432100007", null, null,
                new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"));
        FacturXWriter.Seller unknown = NOTES_ONLY;

        assertThat(VALIDATOR.validate(FacturXWriter.writeOnOwnPage(noVat, unknown, null), "a.pdf").reasons())
                .singleElement().asString().contains("[BR-S-02]", "N° de TVA de l'émetteur");

        FacturXWriter.Content withVat = new FacturXWriter.Content("FX-7", LocalDate.of(2026, 11, 20), null, "EUR",
                "LE FOURNISSEUR", "12345678200077", "FR11123456782", "LE CLIENT", "98765432100007", null, null,
                new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"));
        assertThat(VALIDATOR.validate(FacturXWriter.writeOnOwnPage(withVat, unknown, null), "b.pdf").reasons()).isEmpty();
        assertThat(VALIDATOR.validate(FacturXWriter.writeOnOwnPage(withVat, FacturXWriter.Seller.UNKNOWN, null),
                "c.pdf").reasons()).as("no legal notes configured").anyMatch(r -> r.contains("BR-FR-05_BT-22_PMT"));
    }

    @Test
    void anExistingFacturXIsRebuiltWithOneInvoiceXmlHoldingTheConfirmedValues() throws Exception {
        byte[] corpus = Files.readAllBytes(Corpus.directory().resolve("FR_Facture_F20220023_EN16931.pdf"));
        assertThat(TestExtraction.service().extract(corpus).value(InvoiceField.INVOICE_NUMBER)).isEqualTo("F20220023");

        byte[] facturX = FacturXWriter.write(corpus, CONFIRMED, SELLER);

        Extraction extraction = TestExtraction.service().extract(facturX);
        assertThat(extraction.source()).isEqualTo(ExtractionSource.FACTURX);
        assertConfirmedValues(extraction);
        try (PDDocument document = Loader.loadPDF(facturX)) {
            Map<String, PDComplexFileSpecification> files = document.getDocumentCatalog().getNames()
                    .getEmbeddedFiles().getNames();
            assertThat(files.keySet()).as("the delivery note stays, one invoice XML")
                    .contains("factur-x.xml", "Bon_de_livraison.pdf");
        }
    }

    @Test
    void aStructuredFacturXIsRewrittenKeepingItsLinesAndVat() throws Exception {
        byte[] corpus = Files.readAllBytes(Corpus.directory().resolve("FR_Facture_F20220023_EN16931.pdf"));
        FacturXWriter.Content confirmed = new FacturXWriter.Content("F20220023-B", LocalDate.of(2022, 2, 1), null,
                "EUR", "LE FOURNISSEUR", "12345678200077", null, "LE CLIENT", "98765432100007", null, "EJ-77",
                new BigDecimal("100.00"), new BigDecimal("4.90"), new BigDecimal("104.90"));

        byte[] rewritten = FacturXWriter.rewrite(corpus, confirmed, NOTES_ONLY);

        Extraction read = TestExtraction.service().extract(rewritten);
        assertThat(read.source()).isEqualTo(ExtractionSource.FACTURX);
        assertThat(read.value(InvoiceField.INVOICE_NUMBER)).isEqualTo("F20220023-B");
        assertThat(read.value(InvoiceField.ISSUE_DATE)).isEqualTo("2022-02-01");
        assertThat(read.value(InvoiceField.BUYER_SIRET)).isEqualTo("98765432100007");
        assertThat(read.value(InvoiceField.SERVICE_CODE)).as("the buyer reference was removed").isNull();
        assertThat(read.value(InvoiceField.PURCHASE_ORDER_REFERENCE)).isEqualTo("EJ-77");
        assertThat(new BigDecimal(read.value(InvoiceField.TOTAL_TVA))).as("two VAT rates kept").isEqualByComparingTo("4.90");
        org.mustangproject.Invoice mustang = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(rewritten))
                .extractInvoice();
        assertThat(mustang.getZFItems()).as("the original lines").hasSizeGreaterThan(1);
        assertThat(VALIDATOR.validate(corpus, "corpus.pdf").reasons()).as("the supplier's file as it is")
                .anyMatch(r -> r.contains("[CII-SR-470]")).anyMatch(r -> r.contains("[BR-FR-08_BT-23]"));
        assertThat(VALIDATOR.validate(rewritten, "rewritten.pdf").reasons()).as("completed, still PDF/A-3").isEmpty();
    }

    @Test
    void aCiiXmlIsRewrittenAsXmlButNotWithOtherTotals() throws Exception {
        byte[] cii = Files.readAllBytes(Corpus.directory().resolve("FR_CII_UC11_F202600022_EXTENDED.xml"));
        FacturXWriter.Content confirmed = new FacturXWriter.Content("F202600022", LocalDate.of(2025, 1, 5), null, "EUR",
                null, "90000000000019", null, null, "22450000100009", "DGS_FINANCES", "PO202525478",
                new BigDecimal("212.90"), new BigDecimal("17.20"), new BigDecimal("230.10"));

        Extraction read = TestExtraction.service().extract(FacturXWriter.rewrite(cii, confirmed, SELLER));
        assertThat(read.source()).isEqualTo(ExtractionSource.CII);
        assertThat(read.value(InvoiceField.SUPPLIER_SIRET)).isEqualTo("90000000000019");
        assertThat(read.value(InvoiceField.BUYER_SIRET)).isEqualTo("22450000100009");
        assertThat(read.value(InvoiceField.SERVICE_CODE)).isEqualTo("DGS_FINANCES");
        assertThat(VALIDATOR.validate(FacturXWriter.rewrite(cii, confirmed, SELLER), "cii.xml").reasons()).isEmpty();

        FacturXWriter.Content otherTotals = new FacturXWriter.Content("F202600022", LocalDate.of(2025, 1, 5), null,
                "EUR", null, "90000000000019", null, null, "22450000100009", null, null, new BigDecimal("200.00"),
                new BigDecimal("17.20"), new BigDecimal("217.20"));
        assertThatThrownBy(() -> FacturXWriter.rewrite(cii, otherTotals, SELLER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Les montants confirmés diffèrent").hasMessageContaining("total HT 200.00");
    }

    @Test
    void totalsThatFitNoSingleFrenchRateAreRefusedWithAReason() {
        FacturXWriter.Content mixed = new FacturXWriter.Content("FX-1", LocalDate.of(2026, 1, 5), null, "EUR", null,
                "90000000000019", null, null, "22450000100009", null, null, new BigDecimal("100.00"),
                new BigDecimal("13.27"), new BigDecimal("113.27"));
        assertThatThrownBy(() -> FacturXWriter.write(TestDocuments.invoicePdf("FX-1"), mixed, SELLER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aucun taux français unique");
        assertThat(FacturXWriter.vatRate(new BigDecimal("100.00"), new BigDecimal("5.50"))).contains(new BigDecimal("5.5"));
        assertThat(FacturXWriter.vatRate(new BigDecimal("33.33"), new BigDecimal("6.67"))).contains(new BigDecimal("20"));
    }

    @Test
    void missingFieldsAreNamed() {
        FacturXWriter.Content empty = new FacturXWriter.Content(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> FacturXWriter.write(TestDocuments.invoicePdf("X"), empty, SELLER))
                .hasMessageContaining("n° de facture").hasMessageContaining("SIRET du destinataire");
    }

    private static void assertConfirmedValues(Extraction extraction) {
        assertThat(extraction.value(InvoiceField.INVOICE_NUMBER)).isEqualTo("FX-2026-0042");
        assertThat(extraction.value(InvoiceField.ISSUE_DATE)).isEqualTo("2026-11-20");
        assertThat(extraction.value(InvoiceField.DUE_DATE)).isEqualTo("2026-12-20");
        assertThat(extraction.value(InvoiceField.SUPPLIER_SIRET)).isEqualTo("90000000000019");
        assertThat(extraction.value(InvoiceField.BUYER_SIRET)).isEqualTo("22450000100009");
        assertThat(extraction.value(InvoiceField.SERVICE_CODE)).isEqualTo("DGS_FINANCES");
        assertThat(extraction.value(InvoiceField.PURCHASE_ORDER_REFERENCE)).isEqualTo("EJ-2026-118");
        assertThat(new BigDecimal(extraction.value(InvoiceField.TOTAL_HT))).isEqualByComparingTo("1250.00");
        assertThat(new BigDecimal(extraction.value(InvoiceField.TOTAL_TVA))).isEqualByComparingTo("250.00");
        assertThat(new BigDecimal(extraction.value(InvoiceField.TOTAL_TTC))).isEqualByComparingTo("1500.00");
    }
}
