package fr.facteur.invoice;

import java.util.EnumSet;
import java.util.Set;

/**
 * Facteur's own status of an invoice (the Chorus Pro status is mirrored separately), and the one
 * table of the moves allowed between them ({@link #canMoveTo}): {@link InvoiceService} refuses any
 * other, whoever asks.
 */
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

    /** Whether an invoice in this status may move to {@code to} (staying where it is always may). */
    public boolean canMoveTo(InvoiceStatus to) {
        return this == to || next().contains(to);
    }

    /** True for the statuses an invoice never leaves. */
    public boolean isFinal() {
        return next().isEmpty();
    }

    private Set<InvoiceStatus> next() {
        return switch (this) {
            // received: read, checked, then validated; one taken over at go-live keeps Chorus Pro's stage
            case RECEIVED -> EnumSet.of(TO_VALIDATE, DUPLICATE, VALIDATED, DISPUTED, REJECTED, MANDATED, PAID,
                    TO_CONFIRM);
            case TO_VALIDATE -> EnumSet.of(VALIDATED, DISPUTED, REJECTED, DUPLICATE);
            case VALIDATED -> EnumSet.of(MANDATED, PAID);
            // back to validation once completed or after the timeout; Chorus Pro may reject it meanwhile
            case DISPUTED -> EnumSet.of(TO_VALIDATE, REJECTED);
            case MANDATED -> EnumSet.of(PAID);
            case TO_CONFIRM -> EnumSet.of(DEPOSITED, SENT, TO_CORRECT, ABANDONED);
            case TO_CORRECT -> EnumSet.of(TO_CONFIRM, DEPOSITED, SENT, ABANDONED);
            case DEPOSITED -> EnumSet.of(SENT, TO_CORRECT, UNFOLLOWED);
            case SENT, TO_COMPLETE, TO_RECYCLE -> {
                Set<InvoiceStatus> followed = EnumSet.of(SENT, TO_COMPLETE, TO_RECYCLE, TO_CORRECT, PAID, UNFOLLOWED);
                followed.remove(this);
                yield followed;
            }
            case REJECTED, PAID, DUPLICATE, ABANDONED, UNFOLLOWED -> EnumSet.noneOf(InvoiceStatus.class);
        };
    }
}
