package fr.facteur.chorus.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads what Chorus Pro checks in a deposited flux (CII D16B, UBL 2.1, or a Factur-X PDF with its
 * embedded CII): number, dates, parties' SIRET, service code (BT-10), engagement (BT-13), totals.
 * Elements are matched by local name; DOCTYPEs are refused (no external entities).
 */
final class FluxReader {

    /** The invoice data of a flux; null fields were not found. */
    record FluxInvoice(String numero, String typeCode, LocalDate dateFacture, LocalDate dateEcheance,
                       String siretFournisseur, String nomFournisseur, String siretDestinataire, String codeService,
                       String numeroEngagement, String devise, BigDecimal montantHt, BigDecimal montantTva,
                       BigDecimal montantTtc) {
    }

    static final Map<String, String> SYNTAXES = Map.of(
            "IN_DP_E1_UBL_INVOICE", "UBL",
            "IN_DP_E1_CII_16B", "CII",
            "IN_DP_E2_CII_FACTURX", "FACTURX");

    private FluxReader() {
    }

    /** Parses the flux as its syntax says; throws {@link IllegalArgumentException} with a French reason. */
    static FluxInvoice read(byte[] content, String syntaxe) {
        String kind = SYNTAXES.get(syntaxe);
        if (kind == null) {
            throw new IllegalArgumentException("Syntaxe de flux non prise en charge par l'émulateur : " + syntaxe);
        }
        byte[] xml = kind.equals("FACTURX") ? embeddedXml(content) : content;
        Document document = parse(xml);
        String root = document.getDocumentElement().getLocalName();
        if ("CrossIndustryInvoice".equals(root)) {
            return cii(document.getDocumentElement());
        }
        if ("Invoice".equals(root) || "CreditNote".equals(root)) {
            return ubl(document.getDocumentElement());
        }
        throw new IllegalArgumentException("Le flux n'est ni une facture CII ni une facture UBL (racine " + root + ")");
    }

    private static FluxInvoice cii(Element root) {
        Element agreement = first(root, "ApplicableHeaderTradeAgreement");
        Element settlement = first(root, "ApplicableHeaderTradeSettlement");
        Element seller = agreement == null ? null : first(agreement, "SellerTradeParty");
        Element buyer = agreement == null ? null : first(agreement, "BuyerTradeParty");
        Element totals = settlement == null ? null : first(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
        Element document = first(root, "ExchangedDocument");
        Element order = agreement == null ? null : first(agreement, "BuyerOrderReferencedDocument");
        Element terms = settlement == null ? null : first(settlement, "SpecifiedTradePaymentTerms");
        return new FluxInvoice(
                text(document, "ID"), text(document, "TypeCode"),
                ciiDate(document == null ? null : first(document, "IssueDateTime")),
                ciiDate(terms == null ? null : first(terms, "DueDateDateTime")),
                siret(seller), text(seller, "Name"), siret(buyer),
                agreement == null ? null : directText(agreement, "BuyerReference"),
                text(order, "IssuerAssignedID"),
                text(settlement, "InvoiceCurrencyCode"),
                amount(text(totals, "TaxBasisTotalAmount")), amount(text(totals, "TaxTotalAmount")),
                amount(text(totals, "GrandTotalAmount")));
    }

    private static FluxInvoice ubl(Element root) {
        Element seller = first(root, "AccountingSupplierParty");
        Element buyer = first(root, "AccountingCustomerParty");
        Element totals = first(root, "LegalMonetaryTotal");
        Element tax = first(root, "TaxTotal");
        Element order = first(root, "OrderReference");
        Element sellerEntity = seller == null ? null : first(seller, "PartyLegalEntity");
        Element buyerEntity = buyer == null ? null : first(buyer, "PartyLegalEntity");
        String type = directText(root, "InvoiceTypeCode");
        return new FluxInvoice(
                directText(root, "ID"), type != null ? type : directText(root, "CreditNoteTypeCode"),
                date(directText(root, "IssueDate")), date(directText(root, "DueDate")),
                siretOf(text(sellerEntity, "CompanyID"), partyIdentification(seller),
                        seller == null ? null : text(seller, "EndpointID")),
                text(sellerEntity, "RegistrationName"),
                siretOf(text(buyerEntity, "CompanyID"), partyIdentification(buyer),
                        buyer == null ? null : text(buyer, "EndpointID")),
                directText(root, "BuyerReference"), text(order, "ID"), directText(root, "DocumentCurrencyCode"),
                amount(text(totals, "TaxExclusiveAmount")), amount(text(tax, "TaxAmount")),
                amount(text(totals, "TaxInclusiveAmount")));
    }

    /** A UBL party's identifier under the SIRET scheme (0009), where many French invoices carry it. */
    private static String partyIdentification(Element party) {
        if (party == null) {
            return null;
        }
        NodeList ids = party.getElementsByTagNameNS("*", "PartyIdentification");
        for (int i = 0; i < ids.getLength(); i++) {
            Element id = first((Element) ids.item(i), "ID");
            if (id != null && "0009".equals(id.getAttribute("schemeID"))) {
                return id.getTextContent().trim();
            }
        }
        return null;
    }

    private static byte[] embeddedXml(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> files = tree == null ? null : tree.getNames();
            if (files != null) {
                for (var entry : files.entrySet()) {
                    String name = entry.getKey().toLowerCase();
                    if (name.equals("factur-x.xml") || name.equals("zugferd-invoice.xml") || name.endsWith(".xml")) {
                        PDEmbeddedFile file = entry.getValue().getEmbeddedFile();
                        if (file != null) {
                            return file.toByteArray();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Le PDF Factur-X est illisible : " + e.getMessage());
        }
        throw new IllegalArgumentException("Le PDF ne contient pas de fichier factur-x.xml : ce n'est pas une Factur-X");
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("Le flux XML est illisible : " + e.getMessage());
        }
    }

    private static String siret(Element party) {
        if (party == null) {
            return null;
        }
        Element legal = first(party, "SpecifiedLegalOrganization");
        String legalId = text(legal, "ID");
        String global = null;
        NodeList ids = party.getElementsByTagNameNS("*", "GlobalID");
        for (int i = 0; i < ids.getLength(); i++) {
            Element id = (Element) ids.item(i);
            if ("0009".equals(id.getAttribute("schemeID"))) {
                global = id.getTextContent().trim();
            }
        }
        return siretOf(legalId, global);
    }

    /** The first of the candidates that is a 14-digit SIRET. */
    private static String siretOf(String... candidates) {
        for (String candidate : candidates) {
            String digits = candidate == null ? "" : candidate.replace(" ", "");
            if (digits.matches("\\d{14}")) {
                return digits;
            }
        }
        return null;
    }

    private static LocalDate ciiDate(Element dateTime) {
        String value = text(dateTime, "DateTimeString");
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            return date(value);
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value.substring(0, Math.min(10, value.length())));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static BigDecimal amount(String value) {
        try {
            return value == null ? null : new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Element first(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String text(Element parent, String localName) {
        Element element = first(parent, localName);
        return element == null ? null : Optional.ofNullable(element.getTextContent()).map(String::trim).orElse(null);
    }

    /** A child (not any descendant) with that local name. */
    private static String directText(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
