package fr.facteur.invoice;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The invoice record's rules: creation exactly once per natural key, and traced status changes. */
@Service
public class InvoiceService {

    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

    private final InvoiceRepository invoices;

    public InvoiceService(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    /**
     * Registers a new invoice with its main document (null when it is fetched later, as for
     * Chorus Pro), in status {@link InvoiceStatus#RECEIVED}.
     *
     * @return the invoice, and whether this call created it (false: the key was already known and
     *     the existing invoice is returned untouched)
     */
    @Transactional
    public Registration register(NewInvoice invoice, Long mainDocumentId, String actor) {
        Optional<Long> id = invoices.insertIfAbsent(invoice, InvoiceStatus.RECEIVED);
        if (id.isEmpty()) {
            Invoice existing = invoices.findByExternalKey(invoice.externalKey()).orElseThrow();
            log.info("Invoice {} already registered as id {}", invoice.externalKey(), existing.id());
            return new Registration(existing, false);
        }
        if (mainDocumentId != null) {
            invoices.attachDocument(id.get(), mainDocumentId, DocumentRole.MAIN);
        }
        invoices.insertHistory(id.get(), actor, null, InvoiceStatus.RECEIVED, "Canal " + invoice.channel());
        if (invoice.chorusStatus() != null) {
            invoices.insertChorusHistory(id.get(), null, invoice.chorusStatus(), null);
        }
        log.info("Invoice {} registered as id {} (channel {})", invoice.externalKey(), id.get(), invoice.channel());
        return new Registration(invoices.find(id.get()).orElseThrow(), true);
    }

    /** Moves the invoice to {@code to} and records who did it and why; a no-op if already there. */
    @Transactional
    public Invoice changeStatus(long invoiceId, InvoiceStatus to, String actor, String comment) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoice.status() == to) {
            return invoice;
        }
        invoices.updateStatus(invoiceId, to);
        invoices.insertHistory(invoiceId, actor, invoice.status(), to, comment);
        log.info("Invoice {}: {} -> {} by {}", invoiceId, invoice.status(), to, actor);
        return invoices.find(invoiceId).orElseThrow();
    }

    /** Records the mandate (payment order) number and moves the invoice to MANDATED. */
    @Transactional
    public Invoice recordMandate(long invoiceId, String mandateNumber, String actor) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        invoices.updateMandate(invoiceId, mandateNumber);
        return changeStatus(invoiceId, InvoiceStatus.MANDATED, actor, "Mandat " + mandateNumber);
    }

    /** Records the payment and its late costs, and moves the invoice to PAID. */
    @Transactional
    public Invoice recordPayment(long invoiceId, Payment payment, String actor) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        invoices.updatePayment(invoiceId, payment);
        String comment = "Mise en paiement le " + payment.paidOn()
                + (payment.lateInterest() != null && payment.lateInterest().signum() > 0
                        ? ", en retard : intérêts " + payment.lateInterest() + " € + indemnité " + payment.lateFlatFee() + " €"
                        : ", dans le délai");
        return changeStatus(invoiceId, InvoiceStatus.PAID, actor, comment);
    }

    public Optional<Payment> payment(long invoiceId) {
        return invoices.payment(invoiceId);
    }

    /** Gives the invoice its main document, unless it has one already; true when attached. */
    @Transactional
    public boolean attachMainDocument(long invoiceId, long documentId) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoices.documents(invoiceId).stream().anyMatch(d -> d.role() == DocumentRole.MAIN)) {
            return false;
        }
        invoices.attachDocument(invoiceId, documentId, DocumentRole.MAIN);
        return true;
    }

    /**
     * Groups a supporting document with the invoice (a mail body, a delivery note, ...); false when
     * the invoice already has it (its own PDF inside a download, an earlier round).
     */
    @Transactional
    public boolean attachDocument(long invoiceId, long documentId) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoices.documents(invoiceId).stream().anyMatch(d -> d.documentId() == documentId)) {
            return false;
        }
        invoices.attachDocument(invoiceId, documentId, DocumentRole.ATTACHMENT);
        return true;
    }

    /** Replaces the index data (a fuller source, or a person's corrections). */
    @Transactional
    public Invoice updateIndex(long invoiceId, InvoiceIndex index) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        invoices.updateIndex(invoiceId, index);
        return invoices.find(invoiceId).orElseThrow();
    }

    /**
     * Mirrors the status Chorus Pro shows for the invoice, with its history.
     *
     * @return true when the status changed (false: Chorus still shows the status already known)
     */
    @Transactional
    public boolean recordChorusStatus(long invoiceId, String chorusStatus, OffsetDateTime statusTime) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (chorusStatus == null || chorusStatus.equals(invoice.chorusStatus())) {
            return false;
        }
        invoices.updateChorusStatus(invoiceId, chorusStatus);
        invoices.insertChorusHistory(invoiceId, invoice.chorusStatus(), chorusStatus, statusTime);
        log.info("Invoice {}: Chorus Pro status {} -> {}", invoiceId, invoice.chorusStatus(), chorusStatus);
        return true;
    }

    public Optional<Invoice> findByExternalKey(String externalKey) {
        return invoices.findByExternalKey(externalKey);
    }

    public List<ChorusStatusChange> chorusHistory(long invoiceId) {
        return invoices.chorusHistory(invoiceId);
    }

    public Invoice get(long invoiceId) {
        return invoices.find(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
    }

    public List<StatusChange> history(long invoiceId) {
        return invoices.history(invoiceId);
    }

    /** The invoice's main document (the invoice itself, as opposed to its attachments). */
    public Optional<Long> mainDocumentId(long invoiceId) {
        return invoices.documents(invoiceId).stream()
                .filter(document -> document.role() == DocumentRole.MAIN)
                .map(InvoiceDocument::documentId)
                .findFirst();
    }

    public List<InvoiceDocument> documents(long invoiceId) {
        return invoices.documents(invoiceId);
    }

    public List<Invoice> list(InvoiceStatus status, Direction direction, int page, int size) {
        return invoices.list(status, direction, page * size, size);
    }

    public long count(InvoiceStatus status, Direction direction) {
        return invoices.count(status, direction);
    }

    /** The outcome of {@link #register}. */
    public record Registration(Invoice invoice, boolean created) {
    }
}
