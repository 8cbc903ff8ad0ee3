package fr.facteur.invoice;

import fr.facteur.archive.Classification;
import fr.facteur.archive.Classifications;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files an invoice's documents in the GED once the invoice is confirmed (a received invoice
 * validated, an outgoing one confirmed), and every invoice when it reaches a final state (paid,
 * rejected, duplicate discarded, emission abandoned or no longer followed) with its statuses and the
 * day until which it must be kept ({@link RetentionProperties}); then keeps the filing up to date: a
 * later status, a document added, a corrected field change the metadata of every document of the
 * dossier. Nothing is ever destroyed here: past its retention an invoice is only listed.
 */
@Service
public class InvoiceClassifier {

    /** Category of the invoice itself; its supporting documents are {@link #ATTACHMENT}. */
    private static final String MAIN = "Facture";
    private static final String ATTACHMENT = "Pièce jointe";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final InvoiceRepository invoices;
    private final Classifications classifications;
    private final InvoiceAudit audit;
    private final RetentionProperties retention;
    private final TransactionScopedCache<String, Boolean> dossiersFiled = new TransactionScopedCache<>();

    public InvoiceClassifier(InvoiceRepository invoices, Classifications classifications, InvoiceAudit audit,
                             RetentionProperties retention) {
        this.invoices = invoices;
        this.classifications = classifications;
        this.audit = audit;
        this.retention = retention;
    }

    /** The dossier of an invoice: by direction and year of reception, stable whatever is corrected later. */
    public static String dossier(Invoice invoice) {
        String direction = invoice.direction() == Direction.RECEIVED ? "Factures reçues" : "Factures émises";
        return direction + "/" + invoice.receivedOn().getYear() + "/facture-" + invoice.id();
    }

    /**
     * Files every document of the invoice with its current metadata, when a decision confirms it.
     * An invoice already filed is not filed twice: the change that came with the decision (its
     * status, its index) has filed it again already ({@link #refresh}).
     */
    @Transactional
    public void classify(Invoice invoice, String actor) {
        if (!filed(invoice)) {
            file(invoice.id(), actor, "Classée");
        }
    }

    /**
     * Files again an invoice already filed, with its metadata as they are now; nothing happens
     * before its confirmation. {@code invoice} may be the record as read before the change: its
     * dossier depends only on what never changes (id, direction, reception).
     */
    @Transactional
    public void refresh(Invoice invoice, String actor) {
        if (filed(invoice)) {
            file(invoice.id(), actor, "Classement mis à jour");
        }
    }

    /**
     * Files an invoice that reached a final state, with the day until which it must be kept: the
     * retention runs from its payment day when paid, otherwise from the day it reached that state.
     * Filing it again (a later correction) keeps the day first computed.
     *
     * @return the day until which it must be kept
     */
    @Transactional
    public LocalDate fileFinal(long invoiceId, String actor) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (!invoice.status().isFinal()) {
            throw new IllegalStateException("Facture " + invoiceId + " : statut « " + invoice.status().label()
                    + " », pas encore final");
        }
        Optional<LocalDate> known = invoices.retainUntil(invoiceId);
        LocalDate retainUntil = known.orElseGet(() -> retention.retainUntil(endedOn(invoice)));
        if (known.isEmpty()) {
            invoices.updateRetainUntil(invoiceId, retainUntil);
        }
        file(invoiceId, actor, "Classée au statut final « " + invoice.status().label() + " » (à conserver jusqu'au "
                + FrenchText.day(retainUntil) + ")");
        return retainUntil;
    }

    /**
     * Files an invoice in a final state unless it was filed with its retention already (by another node's
     * sweep meanwhile: its row is locked first, so two sweeps file it once).
     *
     * @return whether this call filed it
     */
    @Transactional
    public boolean fileFinalIfNotFiled(long invoiceId, String actor) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoices.retainUntil(invoiceId).isPresent()) {
            return false;
        }
        fileFinal(invoiceId, actor);
        return true;
    }

    /** The day the invoice ended: paid on, otherwise the (Paris) day it reached its final state. */
    private LocalDate endedOn(Invoice invoice) {
        if (invoice.status() == InvoiceStatus.PAID) {
            Optional<LocalDate> paidOn = invoices.payment(invoice.id()).map(Payment::paidOn);
            if (paidOn.isPresent()) {
                return paidOn.get();
            }
        }
        return invoices.history(invoice.id()).stream()
                .filter(change -> change.to() == invoice.status())
                .map(change -> change.changedAt().atZoneSameInstant(PARIS).toLocalDate())
                .reduce((first, last) -> last)
                .orElseGet(() -> LocalDate.now(PARIS));
    }

    public List<Classification> classification(Invoice invoice) {
        return classifications.inDossier(dossier(invoice));
    }

    /** Whether the invoice's dossier holds anything yet: asked once per transaction (filing it says yes). */
    private boolean filed(Invoice invoice) {
        return dossiersFiled.get(dossier(invoice), classifications::hasDossier);
    }

    private void file(long invoiceId, String actor, String what) {
        Invoice invoice = invoices.find(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        String dossier = dossier(invoice);
        dossiersFiled.evict(dossier);
        Map<String, Object> metadata = metadata(invoice);
        List<InvoiceDocument> documents = invoices.documents(invoiceId);
        for (InvoiceDocument document : documents) {
            classifications.classify(document.documentId(), dossier,
                    document.role() == DocumentRole.MAIN ? MAIN : ATTACHMENT, metadata, actor);
        }
        audit.record(invoiceId, actor, AuditAction.CLASSIFIED,
                what + " dans « " + dossier + " » (" + documents.size() + " document(s))",
                Map.of("dossier", dossier, "documents", documents.stream().map(InvoiceDocument::documentId).toList()));
    }

    private Map<String, Object> metadata(Invoice invoice) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("invoiceId", invoice.id());
        metadata.put("direction", invoice.direction().name());
        metadata.put("channel", invoice.channel().name());
        metadata.put("externalKey", invoice.externalKey());
        metadata.put("chorusId", invoice.chorusId());
        metadata.putAll(invoice.index().asMap());
        metadata.put("status", invoice.status().name());
        metadata.put("chorusStatus", invoice.chorusStatus());
        metadata.put("receivedOn", invoice.receivedOn());
        invoices.payment(invoice.id()).ifPresent(payment -> {
            metadata.put("mandateNumber", payment.mandateNumber());
            metadata.put("paidOn", payment.paidOn());
        });
        invoices.retainUntil(invoice.id()).ifPresent(day -> metadata.put("retainUntil", day));
        metadata.put("statuses", invoices.history(invoice.id()).stream().map(change -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("at", change.changedAt());
            step.put("by", change.changedBy());
            step.put("from", change.from() == null ? null : change.from().name());
            step.put("to", change.to().name());
            step.put("comment", change.comment());
            return step;
        }).toList());
        return metadata;
    }
}
