package fr.facteur.invoice;

/** What is known of an invoice when it enters Facteur. */
public record NewInvoice(
        Direction direction,
        Channel channel,
        String externalKey,
        Long chorusId,
        InvoiceIndex index,
        String chorusStatus) {
}
