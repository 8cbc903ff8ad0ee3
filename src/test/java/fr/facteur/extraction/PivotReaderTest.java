package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Chorus Pro's PIVOT file, in the layout of the reference (§3.4), read field by field with its files. */
class PivotReaderTest {

    private static final byte[] PDF = "%PDF-1.4 facture".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTE = "%PDF-1.4 bon de livraison".getBytes(StandardCharsets.US_ASCII);

    static String pivot(String invoices) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CPPFacturePivot><Enveloppe><IdFlx>FLX-1</IdFlx></Enveloppe>"
                + "<CPPFactures>" + invoices + "</CPPFactures></CPPFacturePivot>";
    }

    static String invoice(String number, String ttc) {
        return "<CPPFacturePivotUnitaire>"
                + "<Fournisseur><TypeIdentifiant>1</TypeIdentifiant><Identifiant>732 829 320 00074</Identifiant>"
                + "<RaisonSociale>Papeterie Durand SARL</RaisonSociale><CodePays>FR</CodePays></Fournisseur>"
                + "<Debiteur><TypeIdentifiant>1</TypeIdentifiant><Identifiant>26450001800017</Identifiant>"
                + "<Nom>Centre hospitalier</Nom><CodeService>ACHATS</CodeService></Debiteur>"
                + "<DonneesFacture><Id>" + number + "</Id><Type>380</Type><Cadre>A1</Cadre>"
                + "<DateEmissionFacture>2026-11-28</DateEmissionFacture><Devise>EUR</Devise>"
                + "<ModePaiement><Code>30</Code><Libelle>Virement</Libelle></ModePaiement>"
                + "<Montants><MontantHT>1000.00</MontantHT><MontantTTC>" + ttc + "</MontantTTC></Montants>"
                + "<Engagement><NumeroEngagement>EJ2025-0003</NumeroEngagement></Engagement></DonneesFacture>"
                + "<PJ><TypePJ>01</TypePJ><NomPJ>facture.pdf</NomPJ><Contenu>" + Base64.getEncoder().encodeToString(PDF)
                + "</Contenu></PJ>"
                + "<PJ><TypePJ>02</TypePJ><NomPJ>bon-livraison.pdf</NomPJ><Contenu>"
                + Base64.getMimeEncoder().encodeToString(NOTE) + "</Contenu></PJ>"
                + "</CPPFacturePivotUnitaire>";
    }

    @Test
    void readsTheIndexFieldsAndTheFiles() {
        PivotReader.Pivot pivot = PivotReader.read(pivot(invoice("F-2026-118", "1200.00")).getBytes(StandardCharsets.UTF_8));
        Extraction reading = pivot.extraction();
        assertThat(reading.source()).isEqualTo(ExtractionSource.PIVOT);
        assertThat(reading.value(InvoiceField.INVOICE_NUMBER)).isEqualTo("F-2026-118");
        assertThat(reading.value(InvoiceField.ISSUE_DATE)).isEqualTo("2026-11-28");
        assertThat(reading.value(InvoiceField.SUPPLIER_SIRET)).isEqualTo("73282932000074");
        assertThat(reading.value(InvoiceField.SUPPLIER_NAME)).isEqualTo("Papeterie Durand SARL");
        assertThat(reading.value(InvoiceField.BUYER_SIRET)).isEqualTo("26450001800017");
        assertThat(reading.value(InvoiceField.SERVICE_CODE)).isEqualTo("ACHATS");
        assertThat(reading.value(InvoiceField.CURRENCY)).isEqualTo("EUR");
        assertThat(reading.value(InvoiceField.TOTAL_HT)).isEqualTo("1000.00");
        assertThat(reading.value(InvoiceField.TOTAL_TTC)).isEqualTo("1200.00");
        assertThat(reading.value(InvoiceField.TOTAL_TVA)).isEqualTo("200.00");
        assertThat(reading.value(InvoiceField.PURCHASE_ORDER_REFERENCE)).isEqualTo("EJ2025-0003");
        assertThat(reading.confidence(InvoiceField.TOTAL_TTC)).isEqualTo(1.0);
        assertThat(reading.warnings()).isEmpty();
        assertThat(pivot.files()).extracting(PivotReader.PivotFile::type, PivotReader.PivotFile::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("01", "facture.pdf"),
                        org.assertj.core.groups.Tuple.tuple("02", "bon-livraison.pdf"));
        assertThat(pivot.files().get(1).content()).isEqualTo(NOTE);
    }

    @Test
    void aSecondInvoiceIsSaidNotRead() {
        PivotReader.Pivot pivot = PivotReader.read(pivot(invoice("F-1", "1200.00") + invoice("F-2", "99.00"))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(pivot.extraction().value(InvoiceField.INVOICE_NUMBER)).isEqualTo("F-1");
        assertThat(pivot.extraction().warnings()).singleElement().asString().contains("plusieurs factures");
        assertThat(pivot.files()).hasSize(2);
    }

    @Test
    void hostileOrForeignXmlIsRefusedWithTheReason() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + pivot(invoice("&e;", "1"));
        assertThatThrownBy(() -> PivotReader.read(hostile.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> PivotReader.read("<Invoice/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("pas un PIVOT");
        assertThatThrownBy(() -> PivotReader.read(pivot("").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("aucune facture");
        assertThatThrownBy(() -> PivotReader.read("<CPPFacturePivot><oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("mal formé");
    }
}
