package fr.facteur.chorus.emulator;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The PIVOT file the emulator answers with ({@code telecharger/groupe}, format PIVOT), in the layout
 * of {@code ../shared/chorus-pro-api.md} §3.4 (as Pastell reads it): {@code CPPFacturePivot /
 * CPPFactures / CPPFacturePivotUnitaire} with {@code Fournisseur}, {@code Debiteur},
 * {@code DonneesFacture} and one {@code PJ} per file (01 the invoice, 02 the complementary ones), the
 * contents in Base64.
 */
final class EmulatorPivot {

    private EmulatorPivot() {
    }

    static byte[] write(List<EmulatorStore.Facture> factures, EmulatorStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("CPPFacturePivot");
            xml.writeStartElement("Enveloppe");
            element(xml, "IdFlx", "EMUL-PIVOT-" + factures.get(0).id());
            xml.writeEndElement();
            xml.writeStartElement("CPPFactures");
            for (EmulatorStore.Facture f : factures) {
                invoice(xml, f, store);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("PIVOT of the emulator", e);
        }
        return out.toByteArray();
    }

    private static void invoice(XMLStreamWriter xml, EmulatorStore.Facture f, EmulatorStore store)
            throws XMLStreamException {
        xml.writeStartElement("CPPFacturePivotUnitaire");
        xml.writeStartElement("Fournisseur");
        element(xml, "TypeIdentifiant", "1");
        element(xml, "Identifiant", f.fournisseurIdentifiant());
        element(xml, "RaisonSociale", f.fournisseurDesignation());
        element(xml, "CodePays", "FR");
        xml.writeEndElement();
        xml.writeStartElement("Debiteur");
        element(xml, "TypeIdentifiant", "1");
        element(xml, "Identifiant", f.destinataireIdentifiant());
        element(xml, "Nom", f.destinataireDesignation());
        element(xml, "CodeService", f.serviceCode());
        element(xml, "NomService", f.serviceLibelle());
        xml.writeEndElement();
        xml.writeStartElement("DonneesFacture");
        element(xml, "Id", f.numero());
        element(xml, "Type", "381".equals(f.typeFacture()) || "AVOIR".equals(f.typeFacture()) ? "381" : "380");
        element(xml, "Cadre", "A1");
        element(xml, "DateEmissionFacture", f.dateFacture().toString());
        element(xml, "DateReception", f.dateDepot().toString());
        element(xml, "Devise", f.devise());
        xml.writeStartElement("Montants");
        element(xml, "MontantHT", plain(f.montantHt()));
        element(xml, "MontantTTC", plain(store.pivotMontantTtc(f.id()).orElse(f.montantTtc())));
        element(xml, "MontantNetAPayer", plain(f.montantAPayer()));
        xml.writeEndElement();
        if (f.numeroBonCommande() != null || f.numeroMarche() != null) {
            xml.writeStartElement("Engagement");
            element(xml, "NumeroMarche", f.numeroMarche());
            element(xml, "NumeroEngagement", f.numeroBonCommande());
            xml.writeEndElement();
        }
        xml.writeEndElement();
        pj(xml, "01", "facture-" + f.numero() + ".pdf", store.pdf(f.id()));
        for (EmulatorStore.PieceJointeRow piece : store.piecesJointes(f.id())) {
            if ("02".equals(piece.typeCode())) {
                pj(xml, "02", piece.nom(), store.pieceJointe(piece.id()).orElseThrow());
            }
        }
        xml.writeEndElement();
    }

    private static void pj(XMLStreamWriter xml, String type, String name, byte[] content) throws XMLStreamException {
        xml.writeStartElement("PJ");
        element(xml, "TypePJ", type);
        element(xml, "NomPJ", name);
        element(xml, "Contenu", Base64.getEncoder().encodeToString(content));
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
