package fr.facteur.chorus;

import java.util.Arrays;
import java.util.Optional;

/**
 * The statuses of an invoice on Chorus Pro ({@code statut}, {@code statutFacture},
 * {@code statutCourantCode}, {@code histoStatutCode}: one enumeration), with their French labels as
 * the portal shows them. Chorus Pro may add statuses: {@link #of(String)} answers empty for one we
 * do not know, and the code keeps the raw string for it.
 */
public enum ChorusStatus {
    // main lifecycle of a received invoice
    DEPOSEE("Déposée"),
    EN_COURS_ACHEMINEMENT("En cours d'acheminement"),
    MISE_A_DISPOSITION("Mise à disposition"),
    SERVICE_FAIT("Service fait"),
    MANDATEE("Mandatée"),
    MISE_A_DISPOSITION_COMPTABLE("Mise à disposition du comptable"),
    COMPTABILISEE("Comptabilisée"),
    MISE_EN_PAIEMENT("Mise en paiement"),
    // returns to the supplier
    A_RECYCLER("À recycler"),
    SUSPENDUE("Suspendue"),
    COMPLETEE("Complétée"),
    REJETEE("Rejetée"),
    // before submission
    BROUILLON("Brouillon"),
    INTERPRETEE_OCR("Interprétée par OCR"),
    SUPPRIMEE("Supprimée"),
    ABANDONNEE("Abandonnée"),
    // other
    EN_ATTENTE_RECYCLAGE_FOURNISSEUR("En attente de recyclage par le fournisseur"),
    NON_CONFORME("Non conforme");

    /** The prefix of the messages a process waits on for a status seen by the relève. */
    public static final String MESSAGE_PREFIX = "ChorusStatus_";

    private final String label;

    ChorusStatus(String label) {
        this.label = label;
    }

    /** The French label ("Service fait"). */
    public String label() {
        return label;
    }

    /** The message name a process waits on until the relève sees this status ({@code ChorusStatus_COMPLETEE}). */
    public String message() {
        return MESSAGE_PREFIX + name();
    }

    /** The status of a code Chorus Pro sent, if we know it. */
    public static Optional<ChorusStatus> of(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(status -> status.name().equals(code)).findFirst();
    }

    /** The French label of a code, or the code itself when we do not know it. */
    public static String label(String code) {
        return of(code).map(ChorusStatus::label).orElse(code);
    }
}
