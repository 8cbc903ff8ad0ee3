package fr.facteur.extraction;

import java.util.List;
import java.util.Map;

/** The names of the fields an extraction reports (the same names as the invoice's index data). */
public final class InvoiceField {

    public static final String SUPPLIER_NAME = "supplierName";
    public static final String SUPPLIER_SIRET = "supplierSiret";
    public static final String SUPPLIER_VAT_NUMBER = "supplierVatNumber";
    public static final String BUYER_NAME = "buyerName";
    public static final String BUYER_SIRET = "buyerSiret";
    public static final String INVOICE_NUMBER = "invoiceNumber";
    public static final String ISSUE_DATE = "issueDate";
    public static final String DUE_DATE = "dueDate";
    public static final String CURRENCY = "currency";
    public static final String TOTAL_HT = "totalHt";
    public static final String TOTAL_TVA = "totalTva";
    public static final String TOTAL_TTC = "totalTtc";
    public static final String PURCHASE_ORDER_REFERENCE = "purchaseOrderReference";
    /** The buyer reference (BT-10), where Chorus Pro reads the recipient's service code. */
    public static final String SERVICE_CODE = "serviceCode";
    public static final String IBAN = "iban";

    /** Every field, in the order they are reported. */
    public static final List<String> ALL = List.of(SUPPLIER_NAME, SUPPLIER_SIRET, SUPPLIER_VAT_NUMBER, BUYER_NAME,
            BUYER_SIRET, INVOICE_NUMBER, ISSUE_DATE, DUE_DATE, CURRENCY, TOTAL_HT, TOTAL_TVA, TOTAL_TTC,
            PURCHASE_ORDER_REFERENCE, SERVICE_CODE, IBAN);

    /** The French labels of the forms, for messages shown to people. */
    public static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(SUPPLIER_NAME, "fournisseur"), Map.entry(SUPPLIER_SIRET, "SIRET du fournisseur"),
            Map.entry(SUPPLIER_VAT_NUMBER, "n° de TVA du fournisseur"), Map.entry(BUYER_NAME, "acheteur"),
            Map.entry(BUYER_SIRET, "SIRET de l'acheteur"), Map.entry(INVOICE_NUMBER, "n° de facture"),
            Map.entry(ISSUE_DATE, "date de facture"), Map.entry(DUE_DATE, "date d'échéance"),
            Map.entry(CURRENCY, "devise"), Map.entry(TOTAL_HT, "total HT"), Map.entry(TOTAL_TVA, "total TVA"),
            Map.entry(TOTAL_TTC, "total TTC"), Map.entry(PURCHASE_ORDER_REFERENCE, "bon de commande"),
            Map.entry(SERVICE_CODE, "code service"),
            Map.entry(IBAN, "IBAN"));

    /** "n° de facture, total TTC" for a list of field names. */
    public static String labels(List<String> fields) {
        return String.join(", ", fields.stream().map(field -> LABELS.getOrDefault(field, field)).toList());
    }

    private InvoiceField() {
    }
}
