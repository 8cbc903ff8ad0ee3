package fr.facteur.workflow.emission;

import fr.facteur.process.FormFields;
import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.chorus.ChorusStatus;
import fr.facteur.process.EmissionContract;
import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.DocumentRole;
import fr.facteur.invoice.Emissions;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendCompletion} "Transmettre le complément" ({@code completer}): sends the comment and
 * every document added to the invoice since the suspension (on its page, or through
 * {@code POST /api/invoices/{id}/documents}). If Chorus Pro no longer shows the invoice as
 * suspended (a previous try went through but its answer was lost), nothing is sent twice.
 */
@Component
public class SendCompletionDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendCompletionDelegate.class);

    private final InvoiceService invoices;
    private final Emissions emissions;
    private final DocumentStore documents;
    private final ChorusEmission chorus;
    private final InvoiceAudit audit;

    public SendCompletionDelegate(InvoiceService invoices, Emissions emissions, DocumentStore documents,
                                  ChorusEmission chorus, InvoiceAudit audit) {
        this.invoices = invoices;
        this.emissions = emissions;
        this.documents = documents;
        this.chorus = chorus;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.get(invoiceId);
        long chorusId = Objects.requireNonNull(invoice.chorusId(), "invoice has no Chorus Pro id");
        if (ChorusStatus.of(chorus.status(chorusId).status()).orElse(null) != ChorusStatus.SUSPENDUE) {
            log.warn("Invoice {}: no longer suspended on Chorus Pro, completion not sent again", invoiceId);
            return;
        }
        Object since = execution.getVariable(EmissionContract.SUSPENDED_AT.name());
        OffsetDateTime suspendedAt = since == null ? OffsetDateTime.MIN : OffsetDateTime.parse(since.toString());
        Set<Long> deposited = emissions.attempts(invoiceId).stream().map(Emissions.Attempt::fileDocumentId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<InvoiceDocument> added = invoices.documents(invoiceId).stream()
                .filter(d -> d.role() == DocumentRole.ATTACHMENT && d.addedAt().isAfter(suspendedAt))
                .filter(d -> !deposited.contains(d.documentId()))
                .toList();
        List<ChorusEmission.Attachment> attachments = added.stream().map(d -> {
            DocumentContent content = documents.load(d.documentId()).orElseThrow();
            return new ChorusEmission.Attachment(d.filename() == null ? "piece-jointe-" + d.documentId() : d.filename(),
                    content.document().mediaType(), content.bytes());
        }).toList();
        String comment = FormFields.text(execution, EmissionContract.COMPLETION_COMMENT.name());
        chorus.complete(chorusId, comment, attachments);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chorusId", chorusId);
        details.put("comment", comment);
        details.put("documents", added.stream().map(InvoiceDocument::documentId).toList());
        audit.record(invoiceId, Actors.SYSTEM, AuditAction.CHORUS_CALL, "Complément transmis à Chorus Pro ("
                + attachments.size() + " pièce(s) jointe(s))" + (comment == null ? "" : " : " + comment), details);
        invoices.changeStatus(invoiceId, InvoiceStatus.SENT, Actors.SYSTEM, "Complément transmis");
    }
}
