package fr.facteur.extraction;

import java.util.List;

/**
 * The names of the fields an extraction reports: the names of the invoice's index fields (their
 * catalogue, with French labels, is {@code invoice.IndexField}; a test keeps both the same) and the IBAN.
 */
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

    private InvoiceField() {
    }
}
