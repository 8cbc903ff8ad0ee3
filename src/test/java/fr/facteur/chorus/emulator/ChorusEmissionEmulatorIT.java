package fr.facteur.chorus.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.chorus.ChorusClient;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.api.Common.MontantTotal;
import fr.facteur.chorus.api.Factures.CadreDeFacturation;
import fr.facteur.chorus.api.Factures.CompleterFactureRequest;
import fr.facteur.chorus.api.Factures.FactureEmise;
import fr.facteur.chorus.api.Factures.FactureRecue;
import fr.facteur.chorus.api.Factures.PieceJointeComplementaire;
import fr.facteur.chorus.api.Factures.PieceJointePrincipale;
import fr.facteur.chorus.api.Factures.RechercheFournisseurRequest;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.SoumettreDestinataire;
import fr.facteur.chorus.api.Factures.SoumettreFactureRequest;
import fr.facteur.chorus.api.Factures.SoumettreFournisseur;
import fr.facteur.chorus.api.Factures.SoumettreReferences;
import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.chorus.api.Structures.ServiceStructure;
import fr.facteur.chorus.api.Structures.StructureTrouvee;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleResponse;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The supplier side of the emulator, through the real client over HTTP. */
@ApplicationTest
class ChorusEmissionEmulatorIT {

    private static final String SUPPLIER = EmulatorSeeder.OWN_SUPPLIER_SIRET;
    private static final String COMMUNE = EmulatorSeeder.COMMUNE_SIRET;

    @Autowired
    private ChorusClient client;

    @Test
    void aCiiFluxIsIntegratedAfterPollsAndReachesTheRecipient() {
        String number = uniqueNumber();
        String flux = client.depositFlux(cii(number, SUPPLIER, COMMUNE, "SERV_FINANCES", null), "facture.xml",
                "IN_DP_E1_CII_16B").numeroFluxDepot();

        assertThat(client.depositReport(flux).etatCourantDepotFlux()).isEqualTo("IN_EN_COURS_TRAITEMENT_CPP");
        ConsulterCrDetailleResponse report = client.depositReport(flux);
        assertThat(report.etatCourantDepotFlux()).isEqualTo("IN_INTEGRE");
        assertThat(report.listeErreurDP()).isEmpty();
        assertThat(client.depositReport(flux).etatCourantDepotFlux()).isEqualTo("IN_INTEGRE");

        List<FactureEmise> emitted = client.searchEmitted(new RechercheFournisseurRequest(flux, null, null, null));
        assertThat(emitted).singleElement().satisfies(f -> {
            assertThat(f.numeroFacture()).isEqualTo(number);
            assertThat(f.statut()).isEqualTo("MISE_A_DISPOSITION");
            assertThat(f.codeServiceExecutant()).isEqualTo("SERV_FINANCES");
        });
        long id = emitted.get(0).identifiantFactureCPP();
        assertThat(client.consultEmitted(id).montantTotal().montantTtcTotal()).isEqualByComparingTo("1200.00");

        List<FactureRecue> inbox = client.searchReceived(new RechercheRecipiendaireRequest(null, null, null, null,
                null, null, null, null, null, null, number, null, null));
        assertThat(inbox).extracting(FactureRecue::idFacture).containsExactly(id);
    }

    @Test
    void aFluxMissingWhatTheRecipientRequiresIsRejectedWithReadableReasons() {
        String flux = client.depositFlux(cii(uniqueNumber(), SUPPLIER, COMMUNE, null, null), "f.xml",
                "IN_DP_E1_CII_16B").numeroFluxDepot();
        client.depositReport(flux);
        ConsulterCrDetailleResponse report = client.depositReport(flux);
        assertThat(report.etatCourantDepotFlux()).isEqualTo("IN_REJETE");
        assertThat(report.listeErreurDP()).singleElement()
                .satisfies(e -> assertThat(e.libelleErreurDP()).contains("exige un code service"));

        String hospital = client.depositFlux(cii(uniqueNumber(), SUPPLIER, EmulatorSeeder.HOSPITAL_SIRET, null, null),
                "f.xml", "IN_DP_E1_CII_16B").numeroFluxDepot();
        client.depositReport(hospital);
        assertThat(client.depositReport(hospital).listeErreurDP()).singleElement()
                .satisfies(e -> assertThat(e.libelleErreurDP()).contains("engagement juridique"));
    }

    @Test
    void anInvoiceNumberIsUsedOnceAndARejectedNumberIsNotReused() {
        String number = uniqueNumber();
        String first = client.depositFlux(cii(number, SUPPLIER, COMMUNE, "SERV_FINANCES", null), "a.xml",
                "IN_DP_E1_CII_16B").numeroFluxDepot();
        client.depositReport(first);
        assertThat(client.depositReport(first).etatCourantDepotFlux()).isEqualTo("IN_INTEGRE");

        String second = client.depositFlux(cii(number, SUPPLIER, COMMUNE, "SERV_FINANCES", null), "b.xml",
                "IN_DP_E1_CII_16B").numeroFluxDepot();
        client.depositReport(second);
        ConsulterCrDetailleResponse report = client.depositReport(second);
        assertThat(report.etatCourantDepotFlux()).isEqualTo("IN_REJETE");
        assertThat(report.listeErreurDP().get(0).libelleErreurDP()).contains("déjà été utilisé");
    }

    @Test
    void hostileOrForeignFluxAreRejectedNotFollowed() throws IOException {
        byte[] xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&x;</rsm:CrossIndustryInvoice>
                """.getBytes(StandardCharsets.UTF_8);
        String flux = client.depositFlux(xxe, "xxe.xml", "IN_DP_E1_CII_16B").numeroFluxDepot();
        client.depositReport(flux);
        ConsulterCrDetailleResponse report = client.depositReport(flux);
        assertThat(report.etatCourantDepotFlux()).isEqualTo("IN_REJETE");
        assertThat(report.listeErreurTechnique()).singleElement()
                .satisfies(e -> assertThat(e.libelleErreur()).contains("illisible").doesNotContain("root:"));

        // A real Factur-X is read (its embedded CII), then refused: its seller is not this account's.
        byte[] facturX;
        try (InputStream in = getClass().getResourceAsStream("/corpus/FR_Facture_F20220025_BASIC.pdf")) {
            facturX = in.readAllBytes();
        }
        String fx = client.depositFlux(facturX, "F20220025.pdf", "IN_DP_E2_CII_FACTURX").numeroFluxDepot();
        client.depositReport(fx);
        ConsulterCrDetailleResponse fxReport = client.depositReport(fx);
        assertThat(fxReport.etatCourantDepotFlux()).isEqualTo("IN_REJETE");
        assertThat(fxReport.listeErreurDP()).singleElement().satisfies(e -> {
            assertThat(e.numeroDP()).isEqualTo("F20220025");
            assertThat(e.libelleErreurDP()).contains("n'est pas rattaché au compte");
        });
    }

    @Test
    void pdfDepositAndSubmitThenSuspensionAndCompletion() {
        StructureTrouvee commune = client.findStructures(RechercherStructureRequest.bySiret(COMMUNE)).get(0);
        assertThat(commune.statut()).isEqualTo("ACTIVE");
        assertThat(client.structure(commune.idStructureCPP()).parametres().codeServiceDoitEtreRenseigne()).isTrue();
        assertThat(client.services(commune.idStructureCPP())).extracting(ServiceStructure::codeService)
                .contains("SERV_FINANCES", "SERV_TECHNIQUES");
        long supplierId = client.supplierStructures().stream().filter(s -> s.identifiant().equals(SUPPLIER))
                .findFirst().orElseThrow().idStructureCPP();

        long pdfId = client.depositPdf(TestDocuments.invoicePdf("E-PDF"), "facture.pdf").pieceJointeId();
        String number = uniqueNumber();
        SoumettreFactureRequest submit = new SoumettreFactureRequest("DEPOT_PDF_API", number, "2025-03-12",
                new SoumettreDestinataire(COMMUNE, "SERV_TECHNIQUES"), new SoumettreFournisseur(supplierId, null),
                new CadreDeFacturation("A1_FACTURE_FOURNISSEUR"),
                new SoumettreReferences("EUR", "FACTURE", "TVA_SUR_DEBIT", null, null, "VIREMENT"),
                new MontantTotal(new BigDecimal("1000.00"), new BigDecimal("200.00"), new BigDecimal("1200.00"),
                        new BigDecimal("1200.00")),
                List.of(new PieceJointePrincipale("Facture", pdfId)), null);
        long id = client.submit(submit).identifiantFactureCPP();
        assertThat(client.consultEmitted(id).statutFacture()).isEqualTo("MISE_A_DISPOSITION");

        assertThatThrownBy(() -> client.submit(submit)).isInstanceOfSatisfying(ChorusFunctionalException.class,
                e -> assertThat(e.libelle()).contains("déjà été utilisé"));
        assertThatThrownBy(() -> client.complete(new CompleterFactureRequest(id, "rien", null)))
                .isInstanceOfSatisfying(ChorusFunctionalException.class, e -> assertThat(e.codeRetour()).isEqualTo(20002));

        client.processReceived(id, "SUSPENDUE", "Bon de livraison manquant", null);
        long attachment = client.addFile("BL-42".getBytes(StandardCharsets.UTF_8), "bon-livraison.txt", "text/plain",
                "txt");
        client.complete(new CompleterFactureRequest(id, "Bon de livraison joint",
                List.of(new PieceJointeComplementaire("Bon de livraison", "BON_LIVRAISON", attachment))));
        assertThat(client.consultEmitted(id).statutFacture()).isEqualTo("COMPLETEE");
        assertThat(client.consultReceived(id).listeDesPiecesJointes().pieceJointe())
                .anySatisfy(p -> assertThat(p.pieceJointeId()).isEqualTo(attachment));
    }

    private static String uniqueNumber() {
        return "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    /** A minimal CII D16B invoice: 1 000 € HT, 20 % VAT. */
    private static byte[] cii(String number, String sellerSiret, String buyerSiret, String serviceCode, String order) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
                    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
                  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>
                    <ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
                  </rsm:ExchangedDocumentContext>
                  <rsm:ExchangedDocument><ram:ID>%s</ram:ID><ram:TypeCode>380</ram:TypeCode>
                    <ram:IssueDateTime><udt:DateTimeString format="102">20250312</udt:DateTimeString></ram:IssueDateTime>
                  </rsm:ExchangedDocument>
                  <rsm:SupplyChainTradeTransaction>
                    <ram:ApplicableHeaderTradeAgreement>
                      %s
                      <ram:SellerTradeParty><ram:Name>Facteur Démo SARL</ram:Name>
                        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">%s</ram:ID></ram:SpecifiedLegalOrganization>
                      </ram:SellerTradeParty>
                      <ram:BuyerTradeParty><ram:Name>Acheteur public</ram:Name>
                        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">%s</ram:ID></ram:SpecifiedLegalOrganization>
                      </ram:BuyerTradeParty>
                      %s
                    </ram:ApplicableHeaderTradeAgreement>
                    <ram:ApplicableHeaderTradeSettlement>
                      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
                      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                        <ram:LineTotalAmount>1000.00</ram:LineTotalAmount>
                        <ram:TaxBasisTotalAmount>1000.00</ram:TaxBasisTotalAmount>
                        <ram:TaxTotalAmount currencyID="EUR">200.00</ram:TaxTotalAmount>
                        <ram:GrandTotalAmount>1200.00</ram:GrandTotalAmount>
                        <ram:DuePayableAmount>1200.00</ram:DuePayableAmount>
                      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                    </ram:ApplicableHeaderTradeSettlement>
                  </rsm:SupplyChainTradeTransaction>
                </rsm:CrossIndustryInvoice>
                """.formatted(number,
                serviceCode == null ? "" : "<ram:BuyerReference>" + serviceCode + "</ram:BuyerReference>",
                sellerSiret, buyerSiret,
                order == null ? "" : "<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>" + order
                        + "</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
