package fr.facteur.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.facteur.chorus.LifecycleStatus;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.StatusChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice as the API shows it. {@code lifecycleStatus} is the status of the e-invoicing reform's
 * lifecycle its Chorus Pro status corresponds to (null when none does). {@code history} and
 * {@code documents} are present on the detail view ({@code GET /api/invoices/{id}}) only.
 */
public record InvoiceJson(
        long id,
        Direction direction,
        Channel channel,
        String externalKey,
        Long chorusId,
        String invoiceNumber,
        String supplierName,
        String supplierSiret,
        String supplierVatNumber,
        String buyerName,
        String buyerSiret,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        BigDecimal totalHt,
        BigDecimal totalTva,
        BigDecimal totalTtc,
        String purchaseOrderReference,
        String serviceCode,
        InvoiceStatus status,
        String chorusStatus,
        LifecycleStatus.Json lifecycleStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StatusChange> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DocumentJson> documents) {

    public static InvoiceJson of(Invoice invoice) {
        return of(invoice, null, null);
    }

    public static InvoiceJson of(Invoice invoice, List<StatusChange> history, List<InvoiceDocument> documents) {
        InvoiceIndex ix = invoice.index();
        return new InvoiceJson(
                invoice.id(),
                invoice.direction(),
                invoice.channel(),
                invoice.externalKey(),
                invoice.chorusId(),
                ix.invoiceNumber(),
                ix.supplierName(),
                ix.supplierSiret(),
                ix.supplierVatNumber(),
                ix.buyerName(),
                ix.buyerSiret(),
                ix.issueDate(),
                ix.dueDate(),
                ix.currency(),
                amount(ix.totalHt()),
                amount(ix.totalTva()),
                amount(ix.totalTtc()),
                ix.purchaseOrderReference(),
                ix.serviceCode(),
                invoice.status(),
                invoice.chorusStatus(),
                LifecycleStatus.ofChorus(invoice.chorusStatus()),
                history,
                documents == null ? null : documents.stream().map(DocumentJson::of).toList());
    }

    private static BigDecimal amount(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /** A document of the invoice, with the API path of its bytes. */
    public record DocumentJson(long id, String role, String filename, String mediaType, long size, String sha256,
                               String href) {

        public static DocumentJson of(InvoiceDocument document) {
            return new DocumentJson(document.documentId(), document.role().name(), document.filename(),
                    document.mediaType(), document.sizeBytes(), document.sha256(),
                    "/api/documents/" + document.documentId());
        }
    }
}
