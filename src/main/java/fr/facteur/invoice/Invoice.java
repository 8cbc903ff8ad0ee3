package fr.facteur.invoice;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * An invoice record. {@code externalKey} is the natural key that makes every intake exactly-once;
 * {@code madeAvailableOn} is, for a Chorus Pro invoice, the day Chorus Pro made it available.
 */
public record Invoice(
        long id,
        Direction direction,
        Channel channel,
        String externalKey,
        Long chorusId,
        InvoiceIndex index,
        InvoiceStatus status,
        String chorusStatus,
        LocalDate madeAvailableOn,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * The day the buyer received the invoice, where the délai global de paiement starts: for a Chorus
     * Pro invoice the day Chorus Pro made it available (when that is before the relève brought it),
     * otherwise the day Facteur received it (Paris time).
     */
    public LocalDate receivedOn() {
        LocalDate intake = createdAt.atZoneSameInstant(PARIS).toLocalDate();
        return madeAvailableOn != null && madeAvailableOn.isBefore(intake) ? madeAvailableOn : intake;
    }
}
