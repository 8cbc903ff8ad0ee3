package fr.facteur.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The index data of an invoice: what a person would otherwise re-key. Any field may be unknown. */
public record InvoiceIndex(
        String supplierName,
        String supplierSiret,
        String supplierVatNumber,
        String buyerName,
        String buyerSiret,
        String invoiceNumber,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        BigDecimal totalHt,
        BigDecimal totalTva,
        BigDecimal totalTtc,
        String purchaseOrderReference,
        String serviceCode) {

    /** The fields by name (the names of the invoice JSON and the forms), unknown ones as null. */
    public Map<String, Object> asMap() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (IndexField field : IndexField.values()) {
            fields.put(field.variable(), field.valueIn(this));
        }
        return fields;
    }

    public static InvoiceIndex empty() {
        return new InvoiceIndex(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
