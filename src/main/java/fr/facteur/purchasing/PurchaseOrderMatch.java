package fr.facteur.purchasing;

import java.math.BigDecimal;

/**
 * How an invoice relates to the purchase orders: the order found (if any), its remaining balance
 * before and after this invoice, and a sentence for the validator.
 */
public record PurchaseOrderMatch(Outcome outcome, String orderNumber, BigDecimal remainingBefore,
                                 BigDecimal remainingAfter, String message) {

    public enum Outcome {
        /** The order named on the invoice, same supplier, balance sufficient. */
        MATCHED_BY_NUMBER,
        /** No order number, but exactly one order of the supplier whose balance equals the amount. */
        MATCHED_BY_SUPPLIER_AND_AMOUNT,
        /** The order exists but belongs to another supplier. */
        OTHER_SUPPLIER,
        /** The order exists but was placed by another service than the one the invoice is addressed to. */
        OTHER_SERVICE,
        /** The order exists but its remaining balance is too small. */
        OVER_BALANCE,
        /** Several orders of the supplier could fit. */
        AMBIGUOUS,
        /** Nothing fits. */
        NOT_FOUND
    }

    public boolean matched() {
        return outcome == Outcome.MATCHED_BY_NUMBER || outcome == Outcome.MATCHED_BY_SUPPLIER_AND_AMOUNT;
    }
}
