package fr.facteur.capture;

import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.InvoiceField;
import fr.facteur.invoice.InvoiceIndex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chorus Pro's data of a received invoice ({@code consulter/recipiendaire}) against its own PIVOT file:
 * each field both give and that differs is a check problem shown to the validator (a wrong amount or
 * order in one of Chorus Pro's two answers must not go unnoticed).
 */
final class PivotComparison {

    private static final Map<String, String> LABELS = Map.of(
            InvoiceField.INVOICE_NUMBER, "le numéro", InvoiceField.ISSUE_DATE, "la date de facture",
            InvoiceField.CURRENCY, "la devise", InvoiceField.TOTAL_HT, "le total HT",
            InvoiceField.TOTAL_TTC, "le total TTC", InvoiceField.SUPPLIER_SIRET, "le SIRET du fournisseur",
            InvoiceField.BUYER_SIRET, "le SIRET du destinataire", InvoiceField.SERVICE_CODE, "le code service",
            InvoiceField.PURCHASE_ORDER_REFERENCE, "l'engagement (bon de commande)");

    private PivotComparison() {
    }

    /** The disagreements, in French; empty when the PIVOT says the same. */
    static List<String> disagreements(InvoiceIndex chorusData, Extraction pivot) {
        Map<String, Object> data = chorusData.asMap();
        List<String> found = new ArrayList<>();
        for (String field : List.of(InvoiceField.INVOICE_NUMBER, InvoiceField.ISSUE_DATE, InvoiceField.CURRENCY,
                InvoiceField.TOTAL_HT, InvoiceField.TOTAL_TTC, InvoiceField.SUPPLIER_SIRET, InvoiceField.BUYER_SIRET,
                InvoiceField.SERVICE_CODE, InvoiceField.PURCHASE_ORDER_REFERENCE)) {
            Object known = data.get(field);
            String read = pivot.value(field);
            if (known == null || read == null || same(known, read)) {
                continue;
            }
            found.add("Chorus Pro donne " + LABELS.get(field) + " « " + text(known) + " » dans ses données et « "
                    + read + " » dans son fichier PIVOT");
        }
        return found;
    }

    private static boolean same(Object known, String read) {
        if (known instanceof BigDecimal amount) {
            try {
                return amount.compareTo(new BigDecimal(read)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return Objects.equals(text(known).strip().toUpperCase(java.util.Locale.ROOT),
                read.strip().toUpperCase(java.util.Locale.ROOT));
    }

    private static String text(Object value) {
        return value instanceof BigDecimal amount ? amount.toPlainString() : String.valueOf(value);
    }
}
