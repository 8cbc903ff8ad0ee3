package fr.facteur.extraction;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
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
 * Writes the confirmed routing fields into a CII (D16B) invoice — number, issue and due dates, seller and
 * buyer SIRET, buyer reference (service code), buyer order (engagement) — and keeps everything else:
 * lines, VAT breakdown, payment terms. Confirmed totals that differ from the XML's are refused:
 * changing them would need new lines, which only the software that made the invoice can produce.
 *
 * <p>Every CII Facteur deposits is then {@linkplain #conform made to conform} to EN 16931 and the
 * French CIUS (BR-FR) for what the seller's own configuration can say: identifiers (SIREN, SIRET,
 * electronic addresses, VAT number), the three legal notes, no empty element.
 */
final class CiiRewriter {

    private static final String RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static final String RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static final String UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
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

    static byte[] rewrite(byte[] xml, FacturXWriter.Content c, FacturXWriter.Seller seller) {
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
        if (c.dueDate() != null) {
            dueDate(document, settlement, summation, c.dueDate().format(FORMAT_102));
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
        conform(document, c, seller);
        return serialize(document);
    }

    /** The confirmed due date (BT-9) in the first payment terms, created when the invoice has none. */
    private static void dueDate(Document document, Element settlement, Element summation, String day) {
        Element terms = XmlInvoiceReader.child(settlement, "SpecifiedTradePaymentTerms");
        if (terms == null) {
            terms = document.createElementNS(RAM, "ram:SpecifiedTradePaymentTerms");
            settlement.insertBefore(terms, summation);
        }
        Element due = XmlInvoiceReader.child(terms, "DueDateDateTime");
        if (due == null) {
            due = document.createElementNS(RAM, "ram:DueDateDateTime");
            Element description = XmlInvoiceReader.child(terms, "Description");
            terms.insertBefore(due, description == null ? terms.getFirstChild() : description.getNextSibling());
        }
        Element value = XmlInvoiceReader.child(due, "DateTimeString");
        if (value == null) {
            value = document.createElementNS(UDT, "udt:DateTimeString");
            due.appendChild(value);
        }
        value.setAttribute("format", "102");
        setText(value, day);
    }

    /**
     * The CII (as Mustang wrote it from the confirmed fields, or rewritten) completed where EN 16931
     * and the French CIUS require what Facteur knows: see {@link #conform(Document, FacturXWriter.Content,
     * FacturXWriter.Seller)}.
     */
    static byte[] conform(byte[] xml, FacturXWriter.Content c, FacturXWriter.Seller seller) {
        Document document = SafeXml.parse(xml);
        conform(document, c, seller);
        return serialize(document);
    }

    /**
     * Completes the invoice from the confirmed fields and the seller's configuration, without
     * touching lines or amounts:
     * <ul>
     *   <li>seller and buyer: SIREN as legal registration (scheme 0002, BR-FR-10), SIRET as the global
     *       identifier (0009, BR-FR-09; Factur-X allows one, another scheme's gives way) and as
     *       electronic address when none is given, or when the one given is another company's SIREN
     *       or SIRET (BT-34/BT-49,
     *       BR-FR-12/13: Chorus Pro addresses public entities by SIRET); the seller's name, postal
     *       address and VAT number (BR-S-02) when missing;</li>
     *   <li>the legal notes on recovery costs, late-payment penalties and discount (subject codes
     *       PMT, PMD, AAB, BR-FR-05) when absent;</li>
     *   <li>a Chorus Pro billing frame (A1, A2) given as business process type is said in the
     *       reform's codes (M1, M2; BR-FR-08); a supporting document description that is not one of the
     *       reform's codes becomes DOCUMENT_ANNEXE (BR-FR-17);</li>
     *   <li>an account given both as IBAN and as proprietary identifier keeps the IBAN (CII-SR-470); a
     *       contact given both as person and department keeps the person (CII-SR-465/466);</li>
     *   <li>no empty element (PEPPOL-EN16931-R008).</li>
     * </ul>
     */
    static void conform(Document document, FacturXWriter.Content c, FacturXWriter.Seller seller) {
        Element root = document.getDocumentElement();
        Element transaction = required(root, "SupplyChainTradeTransaction");
        Element agreement = required(transaction, "ApplicableHeaderTradeAgreement");
        Element sellerParty = required(agreement, "SellerTradeParty");
        Element buyerParty = required(agreement, "BuyerTradeParty");
        siret(document, sellerParty, c.supplierSiret());
        siret(document, buyerParty, c.buyerSiret());
        if (seller != null) {
            sellerDetails(document, sellerParty, seller, c);
        }
        businessProcess(root);
        notes(document, required(root, "ExchangedDocument"), seller);
        for (Element document916 : XmlInvoiceReader.children(agreement, "AdditionalReferencedDocument")) {
            Element name = XmlInvoiceReader.child(document916, "Name");
            String code = XmlInvoiceReader.text(name);
            if (code != null && !ATTACHMENT_CODES.contains(code)) {
                setText(name, "DOCUMENT_ANNEXE");
            }
        }
        for (Element party : List.of(sellerParty, buyerParty)) {
            for (Element contact : XmlInvoiceReader.children(party, "DefinedTradeContact")) {
                Element department = XmlInvoiceReader.child(contact, "DepartmentName");
                if (department != null && XmlInvoiceReader.text(XmlInvoiceReader.child(contact, "PersonName")) != null) {
                    contact.removeChild(department);
                }
            }
        }
        Element settlement = required(transaction, "ApplicableHeaderTradeSettlement");
        for (Element means : XmlInvoiceReader.children(settlement, "SpecifiedTradeSettlementPaymentMeans")) {
            Element account = XmlInvoiceReader.child(means, "PayeePartyCreditorFinancialAccount");
            Element proprietary = XmlInvoiceReader.child(account, "ProprietaryID");
            if (proprietary != null && XmlInvoiceReader.text(XmlInvoiceReader.child(account, "IBANID")) != null) {
                account.removeChild(proprietary);
            }
        }
        removeEmptyElements(root);
    }

    /** The reform's supporting-document codes (BT-123, BR-FR-17). */
    private static final Set<String> ATTACHMENT_CODES = Set.of("RIB", "LISIBLE", "FEUILLE_DE_STYLE", "PJA",
            "BORDEREAU_SUIVI", "DOCUMENT_ANNEXE", "BON_LIVRAISON", "BON_COMMANDE", "BORDEREAU_SUIVI_VALIDATION",
            "ETAT_ACOMPTE", "FACTURE_PAIEMENT_DIRECT");

    /** Children of a trade party that come after its name. */
    private static final Set<String> AFTER_NAME = Set.of("RoleCode", "Description", "SpecifiedLegalOrganization",
            "DefinedTradeContact", "PostalTradeAddress", "URIUniversalCommunication", "SpecifiedTaxRegistration");
    private static final Set<String> AFTER_ADDRESS = Set.of("URIUniversalCommunication", "SpecifiedTaxRegistration");

    /**
     * The party identified as the French CIUS asks: SIREN (scheme 0002) as legal registration,
     * SIRET (0009) as global identifier and, when it has none, as electronic address.
     */
    private static void siret(Document document, Element party, String siret) {
        if (siret == null || !siret.matches("\\d{14}")) {
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
        id.setAttribute("schemeID", "0002");
        setText(id, siret.substring(0, 9));
        // Factur-X allows one global identifier: on Chorus Pro it is the SIRET (a GLN, say, gives way)
        for (Element global : XmlInvoiceReader.children(party, "GlobalID")) {
            party.removeChild(global);
        }
        Element global = document.createElementNS(RAM, "ram:GlobalID");
        global.setAttribute("schemeID", "0009");
        setText(global, siret);
        Element afterIds = null;
        for (Node n = party.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !"ID".equals(e.getLocalName()) && !"GlobalID".equals(e.getLocalName())) {
                afterIds = e;
                break;
            }
        }
        party.insertBefore(global, afterIds);
        Element uri = XmlInvoiceReader.path(party, "URIUniversalCommunication", "URIID");
        String address = XmlInvoiceReader.text(uri);
        // an address by SIREN or SIRET that is another company's (the confirmed SIRET changed): it follows
        boolean someoneElses = address != null && Set.of("0225", "0009", "0002").contains(uri.getAttribute("schemeID"))
                && !address.startsWith(siret.substring(0, 9));
        if (address == null || someoneElses) {
            Element communication = XmlInvoiceReader.child(party, "URIUniversalCommunication");
            if (communication == null) {
                communication = document.createElementNS(RAM, "ram:URIUniversalCommunication");
                party.insertBefore(communication, XmlInvoiceReader.child(party, "SpecifiedTaxRegistration"));
            }
            if (uri == null) {
                uri = document.createElementNS(RAM, "ram:URIID");
                communication.insertBefore(uri, communication.getFirstChild());
            }
            uri.setAttribute("schemeID", "0009");
            setText(uri, siret);
        }
    }

    /** Name, postal address and VAT number of the seller, from its configuration, where the XML has none. */
    private static void sellerDetails(Document document, Element party, FacturXWriter.Seller seller,
                                      FacturXWriter.Content c) {
        Element name = XmlInvoiceReader.child(party, "Name");
        String shown = c.supplierName() != null && !c.supplierName().isBlank() ? c.supplierName() : seller.name();
        if (XmlInvoiceReader.text(name) == null && shown != null) {
            if (name == null) {
                name = document.createElementNS(RAM, "ram:Name");
                party.insertBefore(name, firstOf(party, AFTER_NAME));
            }
            setText(name, shown);
        }
        Element address = XmlInvoiceReader.child(party, "PostalTradeAddress");
        boolean configured = seller.city() != null && !seller.city().isBlank();
        boolean noCity = address != null && XmlInvoiceReader.text(XmlInvoiceReader.child(address, "CityName")) == null;
        if (address == null || configured && noCity) {
            if (address != null) {
                party.removeChild(address);
            }
            address = document.createElementNS(RAM, "ram:PostalTradeAddress");
            add(document, address, "PostcodeCode", seller.postcode());
            add(document, address, "LineOne", seller.street());
            add(document, address, "CityName", seller.city());
            add(document, address, "CountryID", seller.country() == null ? "FR" : seller.country());
            party.insertBefore(address, firstOf(party, AFTER_ADDRESS));
        }
        String vat = c.supplierVatNumber() != null && !c.supplierVatNumber().isBlank() ? c.supplierVatNumber()
                : seller.vatNumber();
        boolean hasVat = XmlInvoiceReader.children(party, "SpecifiedTaxRegistration").stream()
                .map(r -> XmlInvoiceReader.child(r, "ID"))
                .anyMatch(id -> id != null && "VA".equals(id.getAttribute("schemeID"))
                        && XmlInvoiceReader.text(id) != null);
        if (!hasVat && vat != null && !vat.isBlank()) {
            Element registration = document.createElementNS(RAM, "ram:SpecifiedTaxRegistration");
            Element id = add(document, registration, "ID", vat.replace(" ", ""));
            id.setAttribute("schemeID", "VA");
            party.appendChild(registration);
        }
    }

    /** Children of the exchanged document up to its notes, in schema order: new notes go after them. */
    private static final Set<String> UP_TO_NOTES = Set.of("ID", "Name", "TypeCode", "IssueDateTime", "CopyIndicator",
            "LanguageID", "IncludedNote");

    /** The legal notes (BR-FR-05) the invoice lacks, from the seller's configured texts. */
    private static void notes(Document document, Element exchanged, FacturXWriter.Seller seller) {
        if (seller == null) {
            return;
        }
        Set<String> present = new HashSet<>();
        Node last = null;
        for (Node n = exchanged.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && UP_TO_NOTES.contains(e.getLocalName())) {
                last = e;
                if ("IncludedNote".equals(e.getLocalName())) {
                    String code = XmlInvoiceReader.text(XmlInvoiceReader.child(e, "SubjectCode"));
                    if (code != null) {
                        present.add(code);
                    }
                }
            }
        }
        Node before = last == null ? exchanged.getFirstChild() : last.getNextSibling();
        for (String[] note : new String[][] {{"PMT", seller.recoveryCostsNote()}, {"PMD", seller.latePenaltiesNote()},
                {"AAB", seller.discountNote()}}) {
            if (!present.contains(note[0]) && note[1] != null && !note[1].isBlank()) {
                Element included = document.createElementNS(RAM, "ram:IncludedNote");
                add(document, included, "Content", note[1].strip());
                add(document, included, "SubjectCode", note[0]);
                exchanged.insertBefore(included, before);
            }
        }
    }

    /** A Chorus Pro billing frame given as business process type (BT-23), said in the reform's codes. */
    private static void businessProcess(Element root) {
        Element id = XmlInvoiceReader.path(root, "ExchangedDocumentContext",
                "BusinessProcessSpecifiedDocumentContextParameter", "ID");
        String value = XmlInvoiceReader.text(id);
        if ("A1".equals(value) || "A2".equals(value)) {
            setText(id, "M" + value.substring(1));
        }
    }

    private static Element add(Document document, Element parent, String name, String value) {
        Element element = document.createElementNS(RAM, "ram:" + name);
        setText(element, value);
        parent.appendChild(element);
        return element;
    }

    /** Removes the elements with neither text nor child elements, and the parents they leave empty. */
    private static void removeEmptyElements(Element element) {
        for (Node n = element.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n instanceof Element child) {
                removeEmptyElements(child);
                if (isEmpty(child)) {
                    element.removeChild(child);
                }
            }
            n = next;
        }
    }

    private static boolean isEmpty(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return false;
            }
        }
        return element.getTextContent().isBlank();
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
