package fr.facteur.emission;

import fr.facteur.chorus.ChorusEmission;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceIndex;

/** The invoice record in the words of the Chorus Pro supplier side. */
final class OutgoingInvoices {

    private OutgoingInvoices() {
    }

    static ChorusEmission.OutgoingInvoice of(Invoice invoice) {
        InvoiceIndex ix = invoice.index();
        return new ChorusEmission.OutgoingInvoice(ix.invoiceNumber(), ix.supplierSiret(), ix.buyerSiret(),
                ix.serviceCode(), ix.purchaseOrderReference(), ix.issueDate(), ix.dueDate(), ix.currency(),
                ix.totalHt(), ix.totalTva(), ix.totalTtc());
    }
}
