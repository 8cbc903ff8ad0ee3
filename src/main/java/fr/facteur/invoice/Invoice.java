package fr.facteur.invoice;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** An invoice record. {@code externalKey} is the natural key that makes every intake exactly-once. */
public record Invoice(
        long id,
        Direction direction,
        Channel channel,
        String externalKey,
        Long chorusId,
        InvoiceIndex index,
        InvoiceStatus status,
        String chorusStatus,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * The day Facteur received the invoice (Paris time): where the délai global de paiement starts
     * (for Chorus Pro, the relève brings it within minutes of its mise à disposition).
     */
    public LocalDate receivedOn() {
        return createdAt.atZoneSameInstant(PARIS).toLocalDate();
    }
}
