package fr.facteur.purchasing;

import java.math.BigDecimal;

/** A purchase order (engagement juridique) and how much of it was already invoiced. */
public record PurchaseOrder(String number, String supplierSiret, String serviceCode, String label,
                            BigDecimal amountOrdered, BigDecimal amountInvoiced) {

    public BigDecimal remaining() {
        return amountOrdered.subtract(amountInvoiced);
    }
}
