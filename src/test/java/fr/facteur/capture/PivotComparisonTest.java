package fr.facteur.capture;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.extraction.PivotReader;
import fr.facteur.invoice.InvoiceIndex;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PivotComparisonTest {

    private static final InvoiceIndex CHORUS_DATA = new InvoiceIndex("Papeterie Durand SARL", "73282932000074", null,
            "Centre hospitalier", "26450001800017", "F-2026-118", LocalDate.of(2026, 11, 28), null, "EUR",
            new BigDecimal("1000.00"), new BigDecimal("200.00"), new BigDecimal("1200.00"), "EJ2025-0003", "ACHATS");

    private static PivotReader.Pivot pivot(String number, String ttc, String service) {
        String xml = "<CPPFacturePivot><CPPFactures><CPPFacturePivotUnitaire>"
                + "<Fournisseur><TypeIdentifiant>1</TypeIdentifiant><Identifiant>73282932000074</Identifiant></Fournisseur>"
                + "<Debiteur><Identifiant>26450001800017</Identifiant><CodeService>" + service + "</CodeService></Debiteur>"
                + "<DonneesFacture><Id>" + number + "</Id><DateEmissionFacture>2026-11-28</DateEmissionFacture>"
                + "<Devise>EUR</Devise><Montants><MontantHT>1000</MontantHT><MontantTTC>" + ttc + "</MontantTTC></Montants>"
                + "</DonneesFacture><PJ><TypePJ>01</TypePJ><NomPJ>f.pdf</NomPJ><Contenu>"
                + Base64.getEncoder().encodeToString(new byte[] {1}) + "</Contenu></PJ>"
                + "</CPPFacturePivotUnitaire></CPPFactures></CPPFacturePivot>";
        return PivotReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameDataWrittenOtherwiseAgree() {
        // 1000 and 1000.00 are the same amount, f-2026-118 the same number
        assertThat(PivotComparison.disagreements(CHORUS_DATA, pivot("f-2026-118", "1200.0", "ACHATS").extraction()))
                .isEmpty();
    }

    @Test
    void eachFieldThatDiffersIsSaid() {
        assertThat(PivotComparison.disagreements(CHORUS_DATA, pivot("F-2026-119", "1250.00", "SERV_FINANCES").extraction()))
                .containsExactly(
                        "Chorus Pro donne le numéro « F-2026-118 » dans ses données et « F-2026-119 » dans son fichier PIVOT",
                        "Chorus Pro donne le total TTC « 1200.00 » dans ses données et « 1250.00 » dans son fichier PIVOT",
                        "Chorus Pro donne le code service « ACHATS » dans ses données et « SERV_FINANCES » dans son fichier PIVOT");
    }
}
