package fr.facteur.chorus;

/**
 * The lifecycle statuses of the French e-invoicing reform (statuses of the "cycle de vie", sent as
 * CDAR messages between platforms, codes 200–228), by their code and French label, for the
 * statuses Chorus Pro's own ones correspond to ({@link ChorusStatus#lifecycle()}).
 *
 * <p>Source: the external specifications of the reform (DGFiP / AIFE, "Spécifications externes de la
 * facturation électronique", annex on the invoice lifecycle); codes and labels as published in the
 * France CDAR code list of Vertex e-invoicing
 * (https://developer.vertexinc.com/einvoicing/docs/france-cii-cdar-d22b-code-lists) and Invopop's
 * guide to the French lifecycle (https://docs.invopop.com/guides/fr-pa-status), read on 2026-12-04.
 * 210 "Refusée" is the recipient's refusal; 213 "Rejetée" a platform's rejection of a non-compliant
 * invoice.
 */
public enum LifecycleStatus {
    DEPOSEE("200", "Déposée"),
    EMISE("201", "Émise par la plateforme"),
    RECUE("202", "Reçue par la plateforme"),
    MISE_A_DISPOSITION("203", "Mise à disposition"),
    PRISE_EN_CHARGE("204", "Prise en charge"),
    APPROUVEE("205", "Approuvée"),
    APPROUVEE_PARTIELLEMENT("206", "Approuvée partiellement"),
    EN_LITIGE("207", "En litige"),
    SUSPENDUE("208", "Suspendue"),
    COMPLETEE("209", "Complétée"),
    REFUSEE("210", "Refusée"),
    PAIEMENT_TRANSMIS("211", "Paiement transmis"),
    ENCAISSEE("212", "Encaissée"),
    REJETEE("213", "Rejetée"),
    VISEE("214", "Visée"),
    ERREUR_ROUTAGE("221", "Erreur de routage");

    /** As the invoice JSON and the evidence pack show it: {@code {"code": "205", "label": "Approuvée"}}. */
    public record Json(String code, String label) {
    }

    private final String code;
    private final String label;

    LifecycleStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public Json json() {
        return new Json(code, label);
    }

    /** The lifecycle status of a Chorus Pro status code, or null when none corresponds (or the code is unknown). */
    public static Json ofChorus(String chorusStatus) {
        return ChorusStatus.of(chorusStatus).map(ChorusStatus::lifecycle).map(LifecycleStatus::json).orElse(null);
    }
}
