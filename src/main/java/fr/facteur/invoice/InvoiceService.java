package fr.facteur.invoice;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The invoice record's rules: creation exactly once per natural key, and every change traced in
 * the audit trail (and the status history) in the transaction that makes it.
 */
@Service
public class InvoiceService {

    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

    /** How the intake names the sender of a mailed invoice (and of a supplier's reply): {@code mail:<address>}. */
    public static final String MAIL_ACTOR_PREFIX = "mail:";

    /** Who the audit trail names for what Chorus Pro shows. */
    public static final String CHORUS_ACTOR = "Chorus Pro";

    private final InvoiceRepository invoices;
    private final InvoiceAudit audit;
    private final InvoiceClassifier classifier;

    public InvoiceService(InvoiceRepository invoices, InvoiceAudit audit, InvoiceClassifier classifier) {
        this.invoices = invoices;
        this.audit = audit;
        this.classifier = classifier;
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
        Optional<Invoice> inserted = invoices.insertIfAbsent(invoice, InvoiceStatus.RECEIVED);
        if (inserted.isEmpty()) {
            Invoice existing = invoices.findByExternalKey(invoice.externalKey()).orElseThrow();
            log.info("Invoice {} already registered as id {}", invoice.externalKey(), existing.id());
            return new Registration(existing, false);
        }
        long id = inserted.get().id();
        if (mainDocumentId != null) {
            invoices.attachDocument(id, mainDocumentId, DocumentRole.MAIN);
        }
        invoices.insertHistory(id, actor, null, InvoiceStatus.RECEIVED, "Canal " + invoice.channel());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("direction", invoice.direction().name());
        details.put("channel", invoice.channel().name());
        details.put("externalKey", invoice.externalKey());
        details.put("chorusId", invoice.chorusId());
        details.put("chorusStatus", invoice.chorusStatus());
        details.put("mainDocumentId", mainDocumentId);
        details.put("index", invoice.index().asMap());
        audit.record(id, actor, AuditAction.INTAKE, "Facture reçue par le canal " + invoice.channel()
                + " (clé " + invoice.externalKey() + ")", details);
        if (invoice.chorusStatus() != null) {
            invoices.insertChorusHistory(id, null, invoice.chorusStatus(), null);
        }
        log.info("Invoice {} registered as id {} (channel {})", invoice.externalKey(), id, invoice.channel());
        return new Registration(inserted.get(), true);
    }

    /**
     * Moves the invoice to {@code to} and records who did it and why; a no-op if already there. A
     * final state files the invoice in the GED ({@link InvoiceClassifier#fileFinal}).
     *
     * @throws IllegalStatusChangeException when {@link InvoiceStatus#canMoveTo} does not allow the move
     */
    @Transactional
    public Invoice changeStatus(long invoiceId, InvoiceStatus to, String actor, String comment) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoice.status() == to) {
            return invoice;
        }
        if (!invoice.status().canMoveTo(to)) {
            log.warn("Invoice {}: status change {} -> {} by {} refused", invoiceId, invoice.status(), to, actor);
            throw new IllegalStatusChangeException(invoiceId, invoice.status(), to);
        }
        invoices.updateStatus(invoiceId, to);
        invoices.insertHistory(invoiceId, actor, invoice.status(), to, comment);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", invoice.status().name());
        details.put("to", to.name());
        details.put("comment", comment);
        audit.record(invoiceId, actor, AuditAction.STATUS_CHANGED, "Statut : " + invoice.status().label() + " → "
                + to.label() + (comment == null || comment.isBlank() ? "" : " (" + comment + ")"), details);
        log.info("Invoice {}: {} -> {} by {}", invoiceId, invoice.status(), to, actor);
        if (to.isFinal()) {
            // every invoice ends in the GED, with its statuses and its retention
            classifier.fileFinal(invoiceId, actor);
        } else {
            classifier.refresh(invoice, actor);
        }
        return invoices.find(invoiceId).orElseThrow();
    }

    /**
     * A person's decision on the invoice (validation, duplicate check): recorded with its code and
     * motif, then the status it leads to. {@code classify}: the decision confirms the invoice, whose
     * documents are now filed in the GED.
     */
    @Transactional
    public Invoice decide(long invoiceId, String decision, InvoiceStatus to, String actor, String motif,
                          boolean classify) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", decision);
        details.put("motif", motif);
        details.put("status", to.name());
        audit.record(invoiceId, actor, AuditAction.DECISION, "Décision de " + actor + " : " + to.label()
                + (motif == null || motif.isBlank() ? "" : " — motif : " + motif), details);
        Invoice invoice = changeStatus(invoiceId, to, actor, motif);
        if (classify) {
            classifier.classify(invoice, actor);
        }
        return invoice;
    }

    /**
     * A person confirmed an invoice to emit: the confirmed fields replace what was read (each
     * change traced), the confirmation is recorded as a decision, and the documents are filed in
     * the GED with these values — the truth for the deposit on Chorus Pro.
     */
    @Transactional
    public Invoice confirmEmission(long invoiceId, InvoiceIndex confirmed, String actor) {
        Invoice invoice = updateIndex(invoiceId, confirmed, actor);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", "CONFIRM");
        details.put("index", confirmed.asMap());
        audit.record(invoiceId, actor, AuditAction.DECISION, "Facture à émettre confirmée par " + actor, details);
        classifier.classify(invoice, actor);
        return invoice;
    }

    /**
     * Why a payment date cannot be right for this invoice, in French: in the future, before the
     * invoice's date, or before its mandate; empty when it can.
     */
    public Optional<String> paymentDateProblem(long invoiceId, LocalDate paidOn, LocalDate today) {
        if (paidOn.isAfter(today)) {
            return Optional.of("La date de mise en paiement " + FrenchText.day(paidOn) + " est dans le futur.");
        }
        LocalDate issued = get(invoiceId).index().issueDate();
        if (issued != null && paidOn.isBefore(issued)) {
            return Optional.of("La date de mise en paiement " + FrenchText.day(paidOn) + " précède la date de la facture ("
                    + FrenchText.day(issued) + ").");
        }
        Optional<LocalDate> mandated = history(invoiceId).stream().filter(c -> c.to() == InvoiceStatus.MANDATED)
                .map(c -> c.changedAt().atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).toLocalDate())
                .reduce((first, last) -> last);
        if (mandated.isPresent() && paidOn.isBefore(mandated.get())) {
            return Optional.of("La date de mise en paiement " + FrenchText.day(paidOn) + " précède le mandatement ("
                    + FrenchText.day(mandated.get()) + ").");
        }
        return Optional.empty();
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
        String comment = "Mise en paiement le " + FrenchText.day(payment.paidOn())
                + (payment.lateInterest() != null && payment.lateInterest().signum() > 0
                        ? ", en retard : intérêts " + FrenchText.euros(payment.lateInterest()) + " + indemnité "
                                + FrenchText.euros(payment.lateFlatFee() == null ? BigDecimal.ZERO : payment.lateFlatFee())
                        : ", dans le délai");
        return changeStatus(invoiceId, InvoiceStatus.PAID, actor, comment);
    }

    /** The day until which the invoice must be kept; empty before it reaches a final state. */
    public Optional<LocalDate> retainUntil(long invoiceId) {
        return invoices.retainUntil(invoiceId);
    }

    /** The invoices whose retention ended before {@code day}: they may be destroyed (Facteur never does). */
    public List<InvoiceRepository.Destroyable> destroyable(LocalDate day, int page, int size) {
        return invoices.destroyable(day, page * size, size);
    }

    public Optional<Payment> payment(long invoiceId) {
        return invoices.payment(invoiceId);
    }

    /** Gives the invoice its main document, unless it has one already; true when attached. */
    @Transactional
    public boolean attachMainDocument(long invoiceId, long documentId, String actor) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoices.documents(invoiceId).stream().anyMatch(d -> d.role() == DocumentRole.MAIN)) {
            return false;
        }
        invoices.attachDocument(invoiceId, documentId, DocumentRole.MAIN);
        documentAdded(invoice, documentId, actor);
        return true;
    }

    /**
     * Groups a supporting document with the invoice (a mail body, a delivery note, ...); false when
     * the invoice already has it (its own PDF inside a download, an earlier round).
     */
    @Transactional
    public boolean attachDocument(long invoiceId, long documentId, String actor) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoices.documents(invoiceId).stream().anyMatch(d -> d.documentId() == documentId)) {
            return false;
        }
        invoices.attachDocument(invoiceId, documentId, DocumentRole.ATTACHMENT);
        documentAdded(invoice, documentId, actor);
        return true;
    }

    private void documentAdded(Invoice invoice, long documentId, String actor) {
        long invoiceId = invoice.id();
        InvoiceDocument document = invoices.documents(invoiceId).stream()
                .filter(d -> d.documentId() == documentId).findFirst().orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentId", documentId);
        details.put("role", document.role().name());
        details.put("filename", document.filename());
        details.put("mediaType", document.mediaType());
        details.put("sizeBytes", document.sizeBytes());
        details.put("sha256", document.sha256());
        audit.record(invoiceId, actor, AuditAction.DOCUMENT_ADDED, (document.role() == DocumentRole.MAIN
                ? "Document principal" : "Pièce jointe") + " « " + (document.filename() == null ? "sans nom"
                : document.filename()) + " » ajouté(e)", details);
        classifier.refresh(invoice, actor);
    }

    /**
     * Replaces the index data (a fuller source, or a person's corrections); each field that changes
     * is recorded with its old and new value.
     */
    @Transactional
    public Invoice updateIndex(long invoiceId, InvoiceIndex index, String actor) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        invoices.updateIndex(invoiceId, index);
        recordFieldChanges(invoiceId, invoice.index(), index, actor);
        classifier.refresh(invoice, actor);
        return invoices.find(invoiceId).orElseThrow();
    }

    /** One audit line per field whose value differs between {@code before} and {@code after}. */
    private void recordFieldChanges(long invoiceId, InvoiceIndex before, InvoiceIndex after, String actor) {
        Map<String, Object> old = before.asMap();
        after.asMap().forEach((field, value) -> {
            Object previous = old.get(field);
            if (!sameValue(previous, value)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("field", field);
                details.put("old", previous);
                details.put("new", value);
                audit.record(invoiceId, actor, AuditAction.FIELD_CHANGED, IndexField.labelOf(field) + " : « "
                        + (previous == null ? "" : previous) + " » → « " + (value == null ? "" : value) + " »", details);
            }
        });
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** The invoice's id on Chorus Pro, known once Chorus Pro has it (an emitted invoice integrated or submitted). */
    @Transactional
    public void assignChorusId(long invoiceId, long chorusId) {
        invoices.updateChorusId(invoiceId, chorusId);
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
        if (invoice.direction() == Direction.RECEIVED) {
            // Chorus Pro's own history says more (every step, who, why): read at the end of the relève
            invoices.markChorusHistoryDue(invoiceId, true);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", invoice.chorusStatus());
        details.put("to", chorusStatus);
        details.put("statusTime", statusTime);
        audit.record(invoiceId, CHORUS_ACTOR, AuditAction.CHORUS_STATUS, "Statut Chorus Pro : "
                + (invoice.chorusStatus() == null ? "—" : invoice.chorusStatus()) + " → " + chorusStatus, details);
        classifier.refresh(invoice, CHORUS_ACTOR);
        log.info("Invoice {}: Chorus Pro status {} -> {}", invoiceId, invoice.chorusStatus(), chorusStatus);
        return true;
    }

    public Optional<Invoice> find(long invoiceId) {
        return invoices.find(invoiceId);
    }

    /** The address a mailed invoice came from (the intake's actor, {@code mail:<From>}); empty for the other channels. */
    public Optional<String> mailSender(long invoiceId) {
        return invoices.history(invoiceId).stream().findFirst().map(StatusChange::changedBy)
                .filter(actor -> actor.startsWith(MAIL_ACTOR_PREFIX))
                .flatMap(actor -> {
                    try {
                        return Optional.of(new InternetAddress(actor.substring(MAIL_ACTOR_PREFIX.length()), true).getAddress());
                    } catch (AddressException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Chorus Pro's own history of the invoice (every step, its author and comment), oldest first. */
    public List<ChorusStep> chorusSteps(long invoiceId) {
        return invoices.chorusSteps(invoiceId);
    }

    /** The invoices (id → Chorus id) whose Chorus Pro history is to be read. */
    public Map<Long, Long> chorusHistoryDue(int limit) {
        return invoices.chorusHistoryDue(limit);
    }

    /**
     * Keeps the steps of Chorus Pro's history not known yet, each traced in the audit trail, and marks
     * the history read; returns how many steps were new.
     */
    @Transactional
    public int recordChorusSteps(long invoiceId, List<ChorusStep> steps) {
        invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        int added = invoices.insertChorusSteps(invoiceId, steps);
        invoices.markChorusHistoryDue(invoiceId, false);
        if (added > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("steps", steps);
            audit.record(invoiceId, CHORUS_ACTOR, AuditAction.CHORUS_STATUS, "Historique Chorus Pro lu : " + added
                    + " étape(s) nouvelle(s) (" + steps.stream().map(ChorusStep::status).toList() + ")", details);
        }
        return added;
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

    /** The invoices a document belongs to (usually one; an attachment sent twice, more). */
    public List<Long> invoicesOfDocument(long documentId) {
        return invoices.invoicesOfDocument(documentId);
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
