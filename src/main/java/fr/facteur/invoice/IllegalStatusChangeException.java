package fr.facteur.invoice;

/** A status change that {@link InvoiceStatus#canMoveTo} does not allow: refused, nothing changed. */
public class IllegalStatusChangeException extends IllegalStateException {

    public IllegalStatusChangeException(long invoiceId, InvoiceStatus from, InvoiceStatus to) {
        super("La facture " + invoiceId + " ne peut pas passer de « " + from.label() + " » à « " + to.label() + " »"
                + (from.isFinal() ? " : ce statut est définitif." : "."));
    }
}
