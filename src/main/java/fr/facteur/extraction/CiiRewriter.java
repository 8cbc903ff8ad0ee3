package fr.facteur.extraction;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes the confirmed routing fields into a CII (D16B) invoice — number, issue date, seller and
 * buyer SIRET, buyer reference (service code), buyer order (engagement) — and keeps everything else:
 * lines, VAT breakdown, payment terms. Confirmed totals that differ from the XML's are refused:
 * changing them would need new lines, which only the software that made the invoice can produce.
 */
final class CiiRewriter {

    private static final String RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static final String RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static final DateTimeFormatter FORMAT_102 = DateTimeFormatter.BASIC_ISO_DATE;

    /** Children of a trade party, in schema order; the legal organisation comes before these. */
    private static final Set<String> AFTER_LEGAL_ORGANIZATION = Set.of("DefinedTradeContact", "PostalTradeAddress",
            "URIUniversalCommunication", "SpecifiedTaxRegistration");
    /** Children of the header agreement that come after the buyer's order reference. */
    private static final Set<String> AFTER_BUYER_ORDER = Set.of("ContractReferencedDocument",
            "AdditionalReferencedDocument", "BuyerAgentTradeParty", "SpecifiedProcuringProject",
            "UltimateCustomerOrderReferencedDocument");

    private CiiRewriter() {
    }

    /** The XML's Factur-X profile, for the PDF's metadata (EN16931 when it cannot be told). */
    static String profile(byte[] xml) {
        Document document = SafeXml.parse(xml);
        String guideline = XmlInvoiceReader.text(XmlInvoiceReader.path(document.getDocumentElement(),
                "ExchangedDocumentContext", "GuidelineSpecifiedDocumentContextParameter", "ID"));
        String id = guideline == null ? "" : guideline.toLowerCase(Locale.ROOT);
        if (id.contains("extended")) {
            return "EXTENDED";
        }
        if (id.contains("basicwl")) {
            return "BASICWL";
        }
        if (id.contains("basic")) {
            return "BASIC";
        }
        return id.contains("minimum") ? "MINIMUM" : "EN16931";
    }

    static byte[] rewrite(byte[] xml, FacturXWriter.Content c) {
        Document document = SafeXml.parse(xml);
        Element root = document.getDocumentElement();
        if (!"CrossIndustryInvoice".equals(root.getLocalName()) || !RSM.equals(root.getNamespaceURI())) {
            throw new IllegalArgumentException("Le XML n'est pas une facture CII D16B (Factur-X, ZUGFeRD 2) : il ne "
                    + "peut pas être réécrit.");
        }
        Element transaction = required(root, "SupplyChainTradeTransaction");
        Element agreement = required(transaction, "ApplicableHeaderTradeAgreement");
        Element settlement = required(transaction, "ApplicableHeaderTradeSettlement");
        Element summation = required(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
        List<String> totals = new ArrayList<>();
        compare(totals, "total HT", c.totalHt(), amount(summation, "TaxBasisTotalAmount"));
        compare(totals, "total TVA", c.totalTva(), amount(summation, "TaxTotalAmount"));
        compare(totals, "total TTC", c.totalTtc(), amount(summation, "GrandTotalAmount"));
        if (!totals.isEmpty()) {
            throw new IllegalArgumentException("Les montants confirmés diffèrent de ceux de la facture structurée ("
                    + String.join(", ", totals) + ") : ses lignes et sa TVA ne peuvent être refaites que par le "
                    + "logiciel qui l'a produite.");
        }
        Element exchanged = required(root, "ExchangedDocument");
        setText(required(exchanged, "ID"), c.invoiceNumber());
        Element issue = XmlInvoiceReader.child(required(exchanged, "IssueDateTime"), "DateTimeString");
        if (issue != null && c.issueDate() != null) {
            issue.setAttribute("format", "102");
            setText(issue, c.issueDate().format(FORMAT_102));
        }
        Element buyerReference = XmlInvoiceReader.child(agreement, "BuyerReference");
        if (c.serviceCode() == null || c.serviceCode().isBlank()) {
            if (buyerReference != null) {
                agreement.removeChild(buyerReference);
            }
        } else {
            if (buyerReference == null) {
                buyerReference = document.createElementNS(RAM, "ram:BuyerReference");
                agreement.insertBefore(buyerReference, agreement.getFirstChild());
            }
            setText(buyerReference, c.serviceCode());
        }
        siret(document, required(agreement, "SellerTradeParty"), c.supplierSiret());
        siret(document, required(agreement, "BuyerTradeParty"), c.buyerSiret());
        Element order = XmlInvoiceReader.child(agreement, "BuyerOrderReferencedDocument");
        if (c.purchaseOrderReference() == null || c.purchaseOrderReference().isBlank()) {
            if (order != null) {
                agreement.removeChild(order);
            }
        } else {
            if (order == null) {
                order = document.createElementNS(RAM, "ram:BuyerOrderReferencedDocument");
                agreement.insertBefore(order, firstOf(agreement, AFTER_BUYER_ORDER));
            }
            Element id = XmlInvoiceReader.child(order, "IssuerAssignedID");
            if (id == null) {
                id = document.createElementNS(RAM, "ram:IssuerAssignedID");
                order.insertBefore(id, order.getFirstChild());
            }
            setText(id, c.purchaseOrderReference());
        }
        return serialize(document);
    }

    /** The party's legal organisation identified by its SIRET (scheme 0009), created when missing. */
    private static void siret(Document document, Element party, String siret) {
        if (siret == null || siret.isBlank()) {
            return;
        }
        Element legal = XmlInvoiceReader.child(party, "SpecifiedLegalOrganization");
        if (legal == null) {
            legal = document.createElementNS(RAM, "ram:SpecifiedLegalOrganization");
            party.insertBefore(legal, firstOf(party, AFTER_LEGAL_ORGANIZATION));
        }
        Element id = XmlInvoiceReader.child(legal, "ID");
        if (id == null) {
            id = document.createElementNS(RAM, "ram:ID");
            legal.insertBefore(id, legal.getFirstChild());
        }
        id.setAttribute("schemeID", "0009");
        setText(id, siret);
    }

    private static void compare(List<String> differences, String label, BigDecimal confirmed, String inXml) {
        if (confirmed == null || inXml == null || confirmed.compareTo(new BigDecimal(inXml.strip())) != 0) {
            differences.add(label + " " + confirmed + " au lieu de " + inXml);
        }
    }

    private static Element required(Element parent, String name) {
        Element found = XmlInvoiceReader.child(parent, name);
        if (found == null) {
            throw new IllegalArgumentException("La facture CII n'a pas d'élément " + name + " : elle ne peut pas être "
                    + "réécrite.");
        }
        return found;
    }

    private static String amount(Element summation, String name) {
        return XmlInvoiceReader.text(XmlInvoiceReader.child(summation, name));
    }

    private static Node firstOf(Element parent, Set<String> names) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && names.contains(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static void setText(Element element, String value) {
        element.setTextContent(value == null ? "" : value);
    }

    private static byte[] serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("CII serialisation failed", e);
        }
    }
}
