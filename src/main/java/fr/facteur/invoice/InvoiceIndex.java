package fr.facteur.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

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

    public static InvoiceIndex empty() {
        return new InvoiceIndex(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
