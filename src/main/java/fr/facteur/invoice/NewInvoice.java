package fr.facteur.invoice;

import java.time.LocalDate;

/**
 * What is known of an invoice when it enters Facteur. {@code madeAvailableOn}: for a Chorus Pro
 * invoice, the day Chorus Pro made it available to the buyer (its {@code dateDepot}); null otherwise.
 */
public record NewInvoice(
        Direction direction,
        Channel channel,
        String externalKey,
        Long chorusId,
        InvoiceIndex index,
        String chorusStatus,
        LocalDate madeAvailableOn) {
}
