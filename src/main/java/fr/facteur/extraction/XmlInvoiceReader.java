package fr.facteur.extraction;

import fr.facteur.identifiers.Siret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the index fields of a structured invoice: UN/CEFACT CII D16B (Factur-X, ZUGFeRD 2.x,
 * XRechnung), the older ZUGFeRD 1.0 {@code CrossIndustryDocument}, and UBL 2.1 Invoice and
 * CreditNote. Elements are matched by local name, so every namespace version reads the same.
 * Values are copied as written (dates to ISO 8601), hence confidence 1 — except a SIRET whose
 * checksum fails, which is never reported above 0.5.
 */
final class XmlInvoiceReader {

    /** What a structured document says, before it becomes an {@link Extraction}. */
    record Read(Syntax syntax, Map<String, ExtractedField> fields, List<String> warnings) {
    }

    enum Syntax { CII, ZUGFERD1, UBL }

    private final ExtractionSource source;
    private final Map<String, ExtractedField> fields = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private XmlInvoiceReader(ExtractionSource source) {
        this.source = source;
    }

    /** The syntax of a parsed document, or null when it is not an invoice we know. */
    static Syntax syntaxOf(Document document) {
        String root = document.getDocumentElement().getLocalName();
        return switch (root == null ? "" : root) {
            case "CrossIndustryInvoice" -> Syntax.CII;
            case "CrossIndustryDocument" -> Syntax.ZUGFERD1;
            case "Invoice", "CreditNote" -> Syntax.UBL;
            default -> null;
        };
    }

    static Read read(Document document, ExtractionSource source) {
        Syntax syntax = syntaxOf(document);
        if (syntax == null) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.NOT_AN_INVOICE,
                    "Le fichier XML n'est pas une facture CII, ZUGFeRD ou UBL (élément racine « "
                            + document.getDocumentElement().getLocalName() + " »).");
        }
        XmlInvoiceReader reader = new XmlInvoiceReader(source);
        Element root = document.getDocumentElement();
        if (syntax == Syntax.UBL) {
            reader.readUbl(root);
        } else {
            reader.readCii(root, syntax == Syntax.ZUGFERD1);
        }
        return new Read(syntax, reader.fields, reader.warnings);
    }

    private void readCii(Element root, boolean zugferd1) {
        Element header = child(root, zugferd1 ? "HeaderExchangedDocument" : "ExchangedDocument");
        Element transaction = child(root, zugferd1 ? "SpecifiedSupplyChainTradeTransaction" : "SupplyChainTradeTransaction");
        Element agreement = child(transaction, zugferd1 ? "ApplicableSupplyChainTradeAgreement" : "ApplicableHeaderTradeAgreement");
        Element settlement = child(transaction, zugferd1 ? "ApplicableSupplyChainTradeSettlement" : "ApplicableHeaderTradeSettlement");
        Element summation = child(settlement, zugferd1 ? "SpecifiedTradeSettlementMonetarySummation"
                : "SpecifiedTradeSettlementHeaderMonetarySummation");

        put(InvoiceField.INVOICE_NUMBER, text(child(header, "ID")));
        date(InvoiceField.ISSUE_DATE, text(path(header, "IssueDateTime", "DateTimeString")));
        for (Element terms : children(settlement, "SpecifiedTradePaymentTerms")) {
            String due = text(path(terms, "DueDateDateTime", "DateTimeString"));
            if (due != null) {
                date(InvoiceField.DUE_DATE, due);
                break;
            }
        }
        String currency = text(child(settlement, "InvoiceCurrencyCode"));
        put(InvoiceField.CURRENCY, currency);
        amount(InvoiceField.TOTAL_HT, text(child(summation, "TaxBasisTotalAmount")));
        for (Element tax : children(summation, "TaxTotalAmount")) {
            String taxCurrency = tax.getAttribute("currencyID");
            if (taxCurrency.isEmpty() || taxCurrency.equals(currency)) {
                amount(InvoiceField.TOTAL_TVA, text(tax));
                break;
            }
        }
        amount(InvoiceField.TOTAL_TTC, text(child(summation, "GrandTotalAmount")));
        Element order = child(agreement, "BuyerOrderReferencedDocument");
        put(InvoiceField.PURCHASE_ORDER_REFERENCE, text(child(order, zugferd1 ? "ID" : "IssuerAssignedID")));
        put(InvoiceField.SERVICE_CODE, text(child(agreement, "BuyerReference")));
        for (Element means : children(settlement, "SpecifiedTradeSettlementPaymentMeans")) {
            String iban = text(path(means, "PayeePartyCreditorFinancialAccount", "IBANID"));
            if (iban != null) {
                iban(iban);
                break;
            }
        }

        Element seller = child(agreement, "SellerTradeParty");
        Element buyer = child(agreement, "BuyerTradeParty");
        put(InvoiceField.SUPPLIER_NAME, text(child(seller, "Name")));
        put(InvoiceField.BUYER_NAME, text(child(buyer, "Name")));
        for (Element registration : children(seller, "SpecifiedTaxRegistration")) {
            Element id = child(registration, "ID");
            if (id != null && "VA".equals(id.getAttribute("schemeID"))) {
                vat(text(id));
            }
        }
        siret(InvoiceField.SUPPLIER_SIRET, ciiIdentifiers(seller));
        siret(InvoiceField.BUYER_SIRET, ciiIdentifiers(buyer));
    }

    private static List<Element> ciiIdentifiers(Element party) {
        List<Element> ids = new ArrayList<>();
        ids.addAll(children(child(party, "SpecifiedLegalOrganization"), "ID"));
        ids.addAll(children(party, "GlobalID"));
        ids.addAll(children(party, "ID"));
        return ids;
    }

    private void readUbl(Element root) {
        put(InvoiceField.INVOICE_NUMBER, text(child(root, "ID")));
        date(InvoiceField.ISSUE_DATE, text(child(root, "IssueDate")));
        String due = text(child(root, "DueDate"));
        if (due == null) {
            for (Element means : children(root, "PaymentMeans")) {
                due = text(child(means, "PaymentDueDate"));
                if (due != null) {
                    break;
                }
            }
        }
        date(InvoiceField.DUE_DATE, due);
        String currency = text(child(root, "DocumentCurrencyCode"));
        put(InvoiceField.CURRENCY, currency);
        Element totals = child(root, "LegalMonetaryTotal");
        amount(InvoiceField.TOTAL_HT, text(child(totals, "TaxExclusiveAmount")));
        amount(InvoiceField.TOTAL_TTC, text(child(totals, "TaxInclusiveAmount")));
        String tva = null;
        for (Element taxTotal : children(root, "TaxTotal")) {
            Element amount = child(taxTotal, "TaxAmount");
            if (amount != null && (currency == null || currency.equals(amount.getAttribute("currencyID")))) {
                if (tva == null || child(taxTotal, "TaxSubtotal") != null) {
                    tva = text(amount);
                }
            }
        }
        amount(InvoiceField.TOTAL_TVA, tva);
        put(InvoiceField.PURCHASE_ORDER_REFERENCE, text(path(root, "OrderReference", "ID")));
        put(InvoiceField.SERVICE_CODE, text(child(root, "BuyerReference")));
        for (Element means : children(root, "PaymentMeans")) {
            String iban = text(path(means, "PayeeFinancialAccount", "ID"));
            if (iban != null && Ibans.isValid(iban)) {
                iban(iban);
                break;
            }
        }

        Element seller = path(root, "AccountingSupplierParty", "Party");
        Element buyer = path(root, "AccountingCustomerParty", "Party");
        put(InvoiceField.SUPPLIER_NAME, ublName(seller));
        put(InvoiceField.BUYER_NAME, ublName(buyer));
        for (Element scheme : children(seller, "PartyTaxScheme")) {
            if ("VAT".equals(text(path(scheme, "TaxScheme", "ID")))) {
                vat(text(child(scheme, "CompanyID")));
            }
        }
        siret(InvoiceField.SUPPLIER_SIRET, ublIdentifiers(seller));
        siret(InvoiceField.BUYER_SIRET, ublIdentifiers(buyer));
    }

    private static String ublName(Element party) {
        String legal = text(path(party, "PartyLegalEntity", "RegistrationName"));
        return legal != null ? legal : text(path(party, "PartyName", "Name"));
    }

    private static List<Element> ublIdentifiers(Element party) {
        List<Element> ids = new ArrayList<>();
        for (Element legal : children(party, "PartyLegalEntity")) {
            ids.addAll(children(legal, "CompanyID"));
        }
        for (Element identification : children(party, "PartyIdentification")) {
            ids.addAll(children(identification, "ID"));
        }
        ids.addAll(children(party, "EndpointID"));
        return ids;
    }

    /** A SIRET is an identifier of scheme 0009, or a 14-digit one declared with 0002 (SIREN). */
    private void siret(String field, List<Element> identifiers) {
        for (Element id : identifiers) {
            String scheme = id.getAttribute("schemeID");
            String value = Siret.normalize(text(id));
            if (value != null && value.matches("\\d{14}") && (scheme.equals("0009") || scheme.equals("0002"))) {
                if (Siret.isValidSiret(value)) {
                    fields.put(field, new ExtractedField(value, 1, source));
                } else {
                    fields.put(field, new ExtractedField(value, 0.5, source));
                    warnings.add("Le SIRET " + value + " (" + field + ") ne passe pas le contrôle de Luhn.");
                }
                return;
            }
        }
    }

    private void vat(String value) {
        if (value == null || fields.containsKey(InvoiceField.SUPPLIER_VAT_NUMBER)) {
            return;
        }
        String vat = VatNumbers.normalize(value);
        boolean valid = VatNumbers.isValid(vat);
        fields.put(InvoiceField.SUPPLIER_VAT_NUMBER, new ExtractedField(vat, valid ? 1 : 0.5, source));
        if (!valid) {
            warnings.add("Le numéro de TVA " + vat + " du fournisseur est invalide (clé ou format).");
        }
    }

    private void iban(String value) {
        String iban = Ibans.normalize(value);
        boolean valid = Ibans.isValid(iban);
        fields.put(InvoiceField.IBAN, new ExtractedField(iban, valid ? 1 : 0.5, source));
        if (!valid) {
            warnings.add("L'IBAN " + iban + " ne passe pas le contrôle (modulo 97).");
        }
    }

    private void put(String field, String value) {
        if (value != null) {
            fields.put(field, new ExtractedField(value, 1, source));
        }
    }

    private void date(String field, String value) {
        if (value == null) {
            return;
        }
        Dates.parse(value).ifPresentOrElse(
                d -> fields.put(field, new ExtractedField(d.toString(), 1, source)),
                () -> warnings.add("Date illisible pour " + field + " : « " + value + " »."));
    }

    private void amount(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            fields.put(field, new ExtractedField(new java.math.BigDecimal(value.strip()).toPlainString(), 1, source));
        } catch (NumberFormatException e) {
            warnings.add("Montant illisible pour " + field + " : « " + value + " ».");
        }
    }

    // --- DOM by local name (also used by CiiRewriter) ----------------------------------------

    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    static Element path(Element parent, String... localNames) {
        Element current = parent;
        for (String name : localNames) {
            current = child(current, name);
        }
        return current;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        Predicate<Node> matches = node -> node instanceof Element && localName.equals(node.getLocalName());
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (matches.test(node)) {
                found.add((Element) node);
            }
        }
        return found;
    }

    static String text(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }
}
