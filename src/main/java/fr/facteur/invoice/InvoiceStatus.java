package fr.facteur.invoice;

/** Facteur's own status of an invoice (the Chorus Pro status is mirrored separately). */
public enum InvoiceStatus {
    RECEIVED("Reçue"),
    TO_VALIDATE("À valider"),
    VALIDATED("Validée"),
    DISPUTED("En litige"),
    REJECTED("Rejetée"),
    MANDATED("Mandatée"),
    PAID("Mise en paiement"),
    DUPLICATE("Doublon écarté"),
    // emitted invoices (Facteur is the supplier)
    TO_CONFIRM("À vérifier avant émission"),
    DEPOSITED("Déposée sur Chorus Pro"),
    SENT("Transmise au destinataire"),
    TO_CORRECT("À corriger"),
    TO_COMPLETE("Suspendue, à compléter"),
    TO_RECYCLE("À recycler sur Chorus Pro"),
    ABANDONED("Émission abandonnée"),
    UNFOLLOWED("Suivi arrêté");

    private final String label;

    InvoiceStatus(String label) {
        this.label = label;
    }

    /** The French label shown to users. */
    public String label() {
        return label;
    }
}
