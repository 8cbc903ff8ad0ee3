package fr.facteur.chorus;

import java.util.Arrays;
import java.util.Optional;

/**
 * The statuses of an invoice on Chorus Pro ({@code statut}, {@code statutFacture},
 * {@code statutCourantCode}, {@code histoStatutCode}: one enumeration), with their French labels as
 * the portal shows them and the status of the e-invoicing reform's lifecycle each corresponds to
 * ({@link LifecycleStatus}, one table: this one). Chorus Pro may add statuses: {@link #of(String)} answers empty for one we
 * do not know, and the code keeps the raw string for it.
 */
public enum ChorusStatus {
    // main lifecycle of a received invoice; the public accounting chain after the service fait
    // (mandated, handed to the public accountant, booked) has no status of its own in the reform: the
    // invoice stays approved until its payment is sent
    DEPOSEE("Déposée", LifecycleStatus.DEPOSEE),
    EN_COURS_ACHEMINEMENT("En cours d'acheminement", LifecycleStatus.EMISE),
    MISE_A_DISPOSITION("Mise à disposition", LifecycleStatus.MISE_A_DISPOSITION),
    SERVICE_FAIT("Service fait", LifecycleStatus.APPROUVEE),
    MANDATEE("Mandatée", LifecycleStatus.APPROUVEE),
    MISE_A_DISPOSITION_COMPTABLE("Mise à disposition du comptable", LifecycleStatus.APPROUVEE),
    COMPTABILISEE("Comptabilisée", LifecycleStatus.APPROUVEE),
    MISE_EN_PAIEMENT("Mise en paiement", LifecycleStatus.PAIEMENT_TRANSMIS),
    // returns to the supplier: wrong routing data, a missing document, an invoice refused by its recipient
    A_RECYCLER("À recycler", LifecycleStatus.ERREUR_ROUTAGE),
    SUSPENDUE("Suspendue", LifecycleStatus.SUSPENDUE),
    COMPLETEE("Complétée", LifecycleStatus.COMPLETEE),
    REJETEE("Rejetée", LifecycleStatus.REFUSEE),
    // before submission: not in the lifecycle yet
    BROUILLON("Brouillon", null),
    INTERPRETEE_OCR("Interprétée par OCR", null),
    SUPPRIMEE("Supprimée", null),
    ABANDONNEE("Abandonnée", null),
    // other
    EN_ATTENTE_RECYCLAGE_FOURNISSEUR("En attente de recyclage par le fournisseur", LifecycleStatus.ERREUR_ROUTAGE),
    NON_CONFORME("Non conforme", LifecycleStatus.REJETEE);

    /** The prefix of the messages a process waits on for a status seen by the relève. */
    public static final String MESSAGE_PREFIX = "ChorusStatus_";

    private final String label;
    private final LifecycleStatus lifecycle;

    ChorusStatus(String label, LifecycleStatus lifecycle) {
        this.label = label;
        this.lifecycle = lifecycle;
    }

    /** The status of the reform's lifecycle this one corresponds to, or null (not submitted yet). */
    public LifecycleStatus lifecycle() {
        return lifecycle;
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
