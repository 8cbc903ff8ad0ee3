package fr.facteur.invoice;

public class InvoiceNotFoundException extends RuntimeException {

    public InvoiceNotFoundException(long id) {
        super("Invoice " + id + " does not exist");
    }
}
