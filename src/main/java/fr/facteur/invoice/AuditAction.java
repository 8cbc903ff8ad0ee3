package fr.facteur.invoice;

/** What happened to an invoice, as recorded in its audit trail. */
public enum AuditAction {
    INTAKE("Réception"),
    EXTRACTION("Lecture du document"),
    FIELD_CHANGED("Modification d'un champ"),
    STATUS_CHANGED("Changement de statut"),
    DECISION("Décision"),
    CHORUS_CALL("Appel à Chorus Pro"),
    CHORUS_STATUS("Statut Chorus Pro"),
    DOCUMENT_ADDED("Document ajouté"),
    CLASSIFIED("Classement GED"),
    SUPPLIER_NOTIFIED("Fournisseur prévenu"),
    EVIDENCE_EXPORTED("Dossier de preuve exporté");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    /** The French label shown to users. */
    public String label() {
        return label;
    }
}
