package fr.facteur.invoice;

import fr.facteur.identifiers.Siret;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What a validator must know before deciding: missing data, a wrong SIRET, totals that do not add up. */
public final class InvoiceChecks {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private InvoiceChecks() {
    }

    /** HT + TVA = TTC within a cent; false when an amount is missing. */
    public static boolean amountsAddUp(BigDecimal ht, BigDecimal tva, BigDecimal ttc) {
        return ht != null && tva != null && ttc != null && ht.add(tva).subtract(ttc).abs().compareTo(TOLERANCE) <= 0;
    }

    /** The problems found, in French; empty when the invoice passes every check. */
    public static List<String> problems(Invoice invoice) {
        InvoiceIndex ix = invoice.index();
        List<String> problems = new ArrayList<>();
        if (ix.invoiceNumber() == null || ix.invoiceNumber().isBlank()) {
            problems.add("Numéro de facture absent");
        }
        if (ix.issueDate() == null) {
            problems.add("Date de facture absente");
        }
        if (ix.supplierSiret() == null || ix.supplierSiret().isBlank()) {
            problems.add("SIRET du fournisseur absent");
        } else if (!Siret.isValidSiret(ix.supplierSiret())) {
            problems.add("SIRET du fournisseur invalide (clé de contrôle) : " + ix.supplierSiret());
        }
        if (ix.buyerSiret() != null && !Siret.isValidSiret(ix.buyerSiret())) {
            problems.add("SIRET de l'acheteur invalide (clé de contrôle) : " + ix.buyerSiret());
        }
        if (ix.totalHt() == null || ix.totalTva() == null || ix.totalTtc() == null) {
            problems.add("Montants HT, TVA ou TTC absents");
        } else if (!amountsAddUp(ix.totalHt(), ix.totalTva(), ix.totalTtc())) {
            problems.add("Montants incohérents : HT " + ix.totalHt() + " + TVA " + ix.totalTva() + " ≠ TTC " + ix.totalTtc());
        }
        return problems;
    }
}
