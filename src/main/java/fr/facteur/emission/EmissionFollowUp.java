package fr.facteur.emission;

import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.chorus.ChorusStatus;
import fr.facteur.emission.EmissionAttempts.Attempt;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.ChorusStatusChange;
import fr.facteur.invoice.DocumentRole;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * After the deposit: the flux's report until Chorus Pro integrates or rejects it, the sent
 * invoice's status until it is paid, rejected or silent too long, and the completion of a
 * suspended invoice. Each answer is mirrored on the invoice (status, history, audit trail).
 */
@Service
public class EmissionFollowUp {

    private static final Logger log = LoggerFactory.getLogger(EmissionFollowUp.class);

    /** Where a flux stands after reading its report. */
    public enum Report { INTEGRATED, REJECTED, PENDING }

    /** The report and, when rejected, what the person correcting the invoice is told. */
    public record ReportResult(Report report, String correctionReasons) {
    }

    /** What follows a status read on Chorus Pro. */
    public enum Follow { PAID, SUSPENDED, REJECTED, WAITING, SILENT }

    /**
     * The status read: Chorus's code, what follows, the recipient's motif of a suspension, and what
     * the person correcting a rejected invoice is told.
     */
    public record StatusResult(String chorusStatus, Follow follow, String suspensionMotif, String correctionReasons) {
    }

    private final InvoiceService invoices;
    private final EmissionAttempts attempts;
    private final ChorusEmission chorus;
    private final DocumentStore documents;
    private final EmissionProperties properties;
    private final InvoiceAudit audit;

    public EmissionFollowUp(InvoiceService invoices, EmissionAttempts attempts, ChorusEmission chorus,
                            DocumentStore documents, EmissionProperties properties, InvoiceAudit audit) {
        this.invoices = invoices;
        this.attempts = attempts;
        this.chorus = chorus;
        this.documents = documents;
        this.properties = properties;
        this.audit = audit;
    }

    /** Reads the deposit report of the invoice's flux; past the silence limit a pending flux is given up. */
    public ReportResult readDepositReport(long invoiceId, String actor) {
        Attempt attempt = attempts.latest(invoiceId).filter(a -> a.fluxNumber() != null)
                .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceId + " has no flux to follow"));
        ChorusEmission.DepositReport report = chorus.report(attempt.fluxNumber());
        return switch (report.state()) {
            case INTEGRATED -> {
                Optional<Long> chorusId = chorus.invoiceOfFlux(attempt.fluxNumber(), attempt.invoiceNumber());
                if (chorusId.isEmpty()) {
                    yield pending(attempt, actor);
                }
                attempts.recordIntegrated(attempt.id(), chorusId.get(), actor);
                yield new ReportResult(Report.INTEGRATED, null);
            }
            case REJECTED -> {
                attempts.recordRejected(attempt.id(), report.reasons(), actor);
                yield new ReportResult(Report.REJECTED, "Dépôt rejeté par Chorus Pro (" + report.chorusState()
                        + ") :\n• " + String.join("\n• ", report.reasons()));
            }
            case PENDING -> pending(attempt, actor);
        };
    }

    private ReportResult pending(Attempt attempt, String actor) {
        if (!attempt.depositedAt().plus(properties.silenceLimit()).isBefore(OffsetDateTime.now())) {
            return new ReportResult(Report.PENDING, null);
        }
        String reason = "Chorus Pro n'a pas traité le flux " + attempt.fluxNumber() + " depuis "
                + properties.silenceLimit().toDays() + " jours : vérifiez-le sur le portail avant de redéposer la facture "
                + "sous un nouveau numéro.";
        attempts.recordRejected(attempt.id(), List.of(reason), actor);
        return new ReportResult(Report.REJECTED, reason);
    }

    /**
     * Mirrors the status of the sent invoice on its record and says what follows: paid
     * (MISE_EN_PAIEMENT), suspended (the recipient waits for a document), rejected (a new invoice
     * with a new number is needed), silent (no change for {@code facteur.emission.silence-limit}),
     * else waiting: A_RECYCLER puts the invoice in "À recycler sur Chorus Pro" (recycling is done on
     * the portal) until another status shows.
     */
    public StatusResult readStatus(long invoiceId) {
        Invoice invoice = invoices.get(invoiceId);
        if (invoice.chorusId() == null) {
            throw new IllegalStateException("Invoice " + invoiceId + " has no Chorus Pro id to follow");
        }
        ChorusEmission.EmittedStatus status = chorus.status(invoice.chorusId());
        invoices.recordChorusStatus(invoiceId, status.status(), status.since());
        ChorusStatus known = ChorusStatus.of(status.status()).orElse(null);
        if (known == null) {
            return followed(status, stillWaiting(invoice, status), null, null);
        }
        return switch (known) {
            case MISE_EN_PAIEMENT -> followed(status, Follow.PAID, null, null);
            case SUSPENDUE -> {
                invoices.changeStatus(invoiceId, InvoiceStatus.TO_COMPLETE, InvoiceService.CHORUS_ACTOR, status.comment());
                yield followed(status, Follow.SUSPENDED, status.comment(), null);
            }
            case REJETEE -> {
                invoices.changeStatus(invoiceId, InvoiceStatus.TO_CORRECT, InvoiceService.CHORUS_ACTOR, status.comment());
                yield followed(status, Follow.REJECTED, null, "Facture " + invoice.index().invoiceNumber()
                        + " rejetée par le destinataire" + (status.comment() == null ? "" : " : " + status.comment())
                        + "\nUn rejet est définitif : émettez une nouvelle facture, sous un nouveau numéro.");
            }
            case A_RECYCLER -> {
                // wrong routing data (recipient, service, engagement): the supplier recycles it on the portal
                invoices.changeStatus(invoiceId, InvoiceStatus.TO_RECYCLE, InvoiceService.CHORUS_ACTOR, status.comment());
                yield followed(status, Follow.WAITING, null, null);
            }
            default -> followed(status, stillWaiting(invoice, status), null, null);
        };
    }

    private static StatusResult followed(ChorusEmission.EmittedStatus status, Follow follow, String motif,
                                         String correction) {
        return new StatusResult(status.status(), follow, motif, correction);
    }

    /** Any other status (or one we do not know): back on the way after a recycling, or silent too long. */
    private Follow stillWaiting(Invoice invoice, ChorusEmission.EmittedStatus status) {
        if (invoice.status() == InvoiceStatus.TO_RECYCLE) {
            invoices.changeStatus(invoice.id(), InvoiceStatus.SENT, InvoiceService.CHORUS_ACTOR, status.status());
        }
        List<ChorusStatusChange> history = invoices.chorusHistory(invoice.id());
        OffsetDateTime lastChange = history.isEmpty() ? invoice.updatedAt() : history.get(history.size() - 1).seenAt();
        return lastChange.plus(properties.silenceLimit()).isBefore(OffsetDateTime.now()) ? Follow.SILENT : Follow.WAITING;
    }

    /**
     * Sends the comment and every document added to the invoice since its suspension
     * ({@code completer}). If Chorus Pro no longer shows it as suspended (a previous try went through
     * but its answer was lost), nothing is sent twice.
     */
    public void sendCompletion(long invoiceId, OffsetDateTime suspendedAt, String comment, String actor) {
        Invoice invoice = invoices.get(invoiceId);
        long chorusId = Objects.requireNonNull(invoice.chorusId(), "invoice has no Chorus Pro id");
        if (ChorusStatus.of(chorus.status(chorusId).status()).orElse(null) != ChorusStatus.SUSPENDUE) {
            log.warn("Invoice {}: no longer suspended on Chorus Pro, completion not sent again", invoiceId);
            return;
        }
        OffsetDateTime since = suspendedAt == null ? OffsetDateTime.MIN : suspendedAt;
        Set<Long> deposited = attempts.attempts(invoiceId).stream().map(Attempt::fileDocumentId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<InvoiceDocument> added = invoices.documents(invoiceId).stream()
                .filter(d -> d.role() == DocumentRole.ATTACHMENT && d.addedAt().isAfter(since))
                .filter(d -> !deposited.contains(d.documentId()))
                .toList();
        List<ChorusEmission.Attachment> attachments = added.stream().map(d -> {
            DocumentContent content = documents.load(d.documentId()).orElseThrow();
            return new ChorusEmission.Attachment(d.filename() == null ? "piece-jointe-" + d.documentId() : d.filename(),
                    content.document().mediaType(), content.bytes());
        }).toList();
        chorus.complete(chorusId, comment, attachments);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chorusId", chorusId);
        details.put("comment", comment);
        details.put("documents", added.stream().map(InvoiceDocument::documentId).toList());
        audit.record(invoiceId, actor, AuditAction.CHORUS_CALL, "Complément transmis à Chorus Pro ("
                + attachments.size() + " pièce(s) jointe(s))" + (comment == null ? "" : " : " + comment), details);
        invoices.changeStatus(invoiceId, InvoiceStatus.SENT, actor, "Complément transmis");
    }
}
