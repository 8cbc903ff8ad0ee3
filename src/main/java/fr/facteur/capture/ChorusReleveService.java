package fr.facteur.capture;

import fr.facteur.chorus.ChorusProperties;
import fr.facteur.chorus.ChorusStatus;
import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ReleveContract;
import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.StoredDocument;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.chorus.ChorusReception.ReceivedInvoice;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.ChorusReception.StatusSeen;
import fr.facteur.extraction.DocumentTypeDetector;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.extraction.PivotReader;
import fr.facteur.extraction.UnreadableDocumentException;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.NewInvoice;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Chorus Pro channel: reads what changed per recipient structure and registers each new
 * invoice exactly once (natural key {@code CHORUS:<idFacture>}) in the same circuit as every
 * other channel: invoice record and {@code InvoiceReception} start in one transaction, the PDF
 * fetched by the process's first step. A known invoice whose Chorus status changed gets its
 * mirror updated and its running process told ({@link #statusMessage}).
 */
@Service
public class ChorusReleveService {

    public static final String ACTOR = "relève Chorus Pro";

    private static final Logger log = LoggerFactory.getLogger(ChorusReleveService.class);

    private final ChorusReception chorus;
    private final ChorusReleveRepository watermarks;
    private final InvoiceService invoices;
    private final DocumentStore documents;
    private final RuntimeService runtimeService;
    private final CircuitStart circuits;
    private final ChorusProperties properties;
    private final InvoiceAudit audit;
    private final InvoiceExtractions extractions;
    private final Clock clock = Clock.systemUTC();

    public ChorusReleveService(ChorusReception chorus, ChorusReleveRepository watermarks, InvoiceService invoices,
                               DocumentStore documents, RuntimeService runtimeService, CircuitStart circuits,
                               ChorusProperties properties, InvoiceAudit audit, InvoiceExtractions extractions) {
        this.audit = audit;
        this.extractions = extractions;
        this.chorus = chorus;
        this.watermarks = watermarks;
        this.invoices = invoices;
        this.documents = documents;
        this.runtimeService = runtimeService;
        this.circuits = circuits;
        this.properties = properties;
    }

    /**
     * Starts a relève now, without waiting for the timer ({@code ChorusReleveRequested}); it runs in
     * the background. Returns the new process instance's id.
     */
    public String requestReleve() {
        return runtimeService.startProcessInstanceByMessage(ReleveContract.RELEVE_REQUESTED).getId();
    }

    public static String externalKey(long idFacture) {
        return "CHORUS:" + idFacture;
    }

    /** The configured recipient structures, else every one the technical account receives for. */
    public List<Long> structures() {
        if (!properties.recipientStructures().isEmpty()) {
            return properties.recipientStructures();
        }
        return chorus.recipientStructures().stream().map(ChorusReception.RecipientStructure::id).toList();
    }

    /**
     * The window a relève of the structure reads now: from the watermark minus the overlap, to the
     * next whole second (Chorus Pro takes times to the second; nothing later than now is missed).
     */
    public Window window(long structureId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        OffsetDateTime from = watermarks.watermark(structureId)
                .map(watermark -> watermark.minus(properties.releveOverlap()))
                .orElseGet(() -> now.minus(properties.initialLookback()));
        return new Window(from, now);
    }

    public record Window(OffsetDateTime from, OffsetDateTime to) {
    }

    /** Outcome of one search: invoices seen, new ones registered, known ones whose status changed. */
    public record SearchOutcome(int seen, int registered, int statusChanges) {
    }

    /**
     * Reads every invoice of the structure changed in the window (all pages). A new one is
     * registered from the search data and its {@code InvoiceReception} started, in this
     * transaction (its PDF is fetched by the process's first step, with its own retries); a known
     * one whose Chorus status changed gets its mirror updated and its process told.
     */
    @Transactional
    public SearchOutcome searchChanged(long structureId, Window window) {
        List<StatusSeen> seen = chorus.changedBetween(structureId, window.from(), window.to());
        int registered = 0;
        int changes = 0;
        for (StatusSeen invoice : seen) {
            Optional<Invoice> known = invoices.findByExternalKey(externalKey(invoice.idFacture()));
            if (known.isEmpty()) {
                if (register(invoice.invoice())) {
                    registered++;
                }
            } else if (invoices.recordChorusStatus(known.get().id(), invoice.status(), invoice.statusTime())) {
                changes++;
                runtimeService.createMessageCorrelation(statusMessage(invoice.status()))
                        .processInstanceBusinessKey(known.get().externalKey())
                        .setVariable(ReceptionContract.CHORUS_STATUS.name(), invoice.status())
                        .correlateAllWithResult();
            }
        }
        log.info("Relève of structure {} ({} to {}): {} invoices seen, {} new, {} status changes",
                structureId, window.from(), window.to(), seen.size(), registered, changes);
        return new SearchOutcome(seen.size(), registered, changes);
    }

    /** The message a process waits for when it needs Chorus Pro to show {@code status}. */
    public static String statusMessage(String status) {
        return ChorusStatus.MESSAGE_PREFIX + status;
    }

    private boolean register(ReceivedInvoice data) {
        String key = externalKey(data.idFacture());
        InvoiceService.Registration registration = invoices.register(new NewInvoice(Direction.RECEIVED, Channel.CHORUS,
                key, data.idFacture(), index(data), data.status(), data.depositDate()), null, ACTOR);
        if (registration.created()) {
            circuits.start(registration.invoice(), Map.of(ReceptionContract.CHORUS_STATUS.name(), data.status()));
        }
        return registration.created();
    }

    /**
     * Fetches the invoice's full index data ({@code consulter/recipiendaire}) and its PDF (one
     * invoice per call) and files them with the invoice; nothing is fetched twice.
     */
    @Transactional
    public void fetchDocument(long invoiceId) {
        Invoice invoice = invoices.get(invoiceId);
        if (invoice.chorusId() == null) {
            throw new IllegalStateException("Invoice " + invoiceId + " did not come from Chorus Pro");
        }
        if (invoices.documents(invoiceId).isEmpty()) {
            long idFacture = invoice.chorusId();
            ReceivedInvoice data = call(invoiceId, "Lecture de la facture (consulter/recipiendaire)",
                    () -> chorus.read(idFacture));
            byte[] pdf = call(invoiceId, "Téléchargement du document (telecharger/groupe)",
                    () -> chorus.downloadPdf(idFacture));
            String mediaType = DocumentTypeDetector.detect(pdf).orElse("application/zip");
            StoredDocument document = documents.store(pdf, mediaType, "chorus-" + idFacture
                    + (mediaType.equals(DocumentTypeDetector.PDF) ? ".pdf" : ".zip"));
            audit.record(invoiceId, ACTOR, AuditAction.CHORUS_CALL, "Facture " + idFacture
                    + " lue et téléchargée sur Chorus Pro (" + pdf.length + " octets)", Map.of("idFacture", idFacture,
                    "statut", String.valueOf(data.status()), "documentSha256", document.sha256()));
            invoices.attachMainDocument(invoiceId, document.id(), ACTOR);
            invoices.updateIndex(invoiceId, index(data), ACTOR);
            if (data.complementaryAttachments() != null && data.complementaryAttachments() > 0) {
                // deposited with it (a delivery note, a quote): grouped with the invoice from the start
                groupAttachments(invoiceId, idFacture);
            }
            readPivot(invoiceId, idFacture, index(data));
        }
    }

    /**
     * Reads the invoice's PIVOT file (Chorus Pro's structured form of it), keeps it with the invoice as its
     * reading, and compares it with Chorus Pro's data: each disagreement is a check problem for the
     * validator. A PIVOT that Chorus Pro refuses to give, or that cannot be read, is said in the audit
     * trail and the invoice goes on with Chorus Pro's data; a technical failure is retried like the step.
     */
    private void readPivot(long invoiceId, long idFacture, InvoiceIndex chorusData) {
        byte[] xml;
        try {
            xml = call(invoiceId, "Téléchargement du fichier PIVOT (telecharger/groupe)", () -> chorus.downloadPivot(idFacture));
        } catch (ChorusFunctionalException e) {
            audit.record(invoiceId, ACTOR, AuditAction.CHORUS_CALL, "Pas de fichier PIVOT pour la facture " + idFacture
                    + " : " + e.getMessage(), Map.of("idFacture", idFacture));
            return;
        }
        StoredDocument stored = documents.store(xml, "application/xml", "chorus-" + idFacture + "-pivot.xml");
        invoices.attachDocument(invoiceId, stored.id(), ACTOR);
        PivotReader.Pivot pivot;
        try {
            pivot = PivotReader.read(xml);
        } catch (UnreadableDocumentException e) {
            audit.record(invoiceId, ACTOR, AuditAction.EXTRACTION, "Fichier PIVOT illisible : " + e.getMessage(),
                    Map.of("documentId", stored.id()));
            return;
        }
        List<String> warnings = new ArrayList<>(pivot.extraction().warnings());
        List<String> disagreements = PivotComparison.disagreements(chorusData, pivot.extraction());
        warnings.addAll(disagreements);
        extractions.record(invoiceId, stored.id(), new Extraction(ExtractionSource.PIVOT, 1, pivot.extraction().fields(),
                warnings, ""), ACTOR);
        if (!disagreements.isEmpty()) {
            log.warn("Invoice {}: Chorus Pro's data and its PIVOT file disagree: {}", invoiceId, disagreements);
        }
    }

    /**
     * Groups with the invoice the files its supplier added on Chorus Pro (when completing a
     * disputed invoice); what is already there (the invoice PDF, an earlier round) is not added
     * twice. Returns how many documents were added.
     */
    @Transactional
    public int fetchAttachments(long invoiceId) {
        Invoice invoice = invoices.get(invoiceId);
        if (invoice.chorusId() == null) {
            return 0;
        }
        return groupAttachments(invoiceId, invoice.chorusId());
    }

    /**
     * The invoice's files on Chorus Pro (its PDF and the complementary attachments, each at most
     * {@code ChorusReception}'s size bound) grouped with it; a file already there is not added twice
     * (same SHA-256). Returns how many were added.
     */
    private int groupAttachments(long invoiceId, long idFacture) {
        int added = 0;
        List<ChorusReception.Attachment> attachments = call(invoiceId, "Lecture des pièces jointes",
                () -> chorus.attachments(idFacture));
        audit.record(invoiceId, ACTOR, AuditAction.CHORUS_CALL, attachments.size()
                + " fichier(s) lu(s) sur Chorus Pro pour la facture " + idFacture,
                Map.of("idFacture", idFacture, "files", attachments.stream().map(ChorusReception.Attachment::name).toList()));
        for (ChorusReception.Attachment attachment : attachments) {
            String mediaType = DocumentTypeDetector.detect(attachment.content()).orElse("application/octet-stream");
            StoredDocument document = documents.store(attachment.content(), mediaType, attachment.name());
            if (invoices.attachDocument(invoiceId, document.id(), ACTOR)) {
                added++;
            }
        }
        if (added > 0) {
            log.info("Invoice {}: {} attachment(s) added on Chorus Pro grouped with it", invoiceId, added);
        }
        return added;
    }

    /**
     * A call to Chorus Pro for the invoice; a failure is written to its audit trail at once (the
     * step's transaction rolls back and the engine retries it) and passed on.
     */
    private <T> T call(long invoiceId, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            audit.recordRegardless(invoiceId, ACTOR, AuditAction.CHORUS_CALL, what + " : échec, nouvel essai par le moteur ("
                    + e.getClass().getSimpleName() + ")", Map.of("call", what, "error", e.getClass().getSimpleName(),
                    "message", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private static InvoiceIndex index(ReceivedInvoice data) {
        return new InvoiceIndex(data.supplierName(), data.supplierSiret(), null, data.buyerName(), data.buyerSiret(),
                data.invoiceNumber(), data.issueDate(), data.dueDate(), data.currency(), data.totalHt(),
                data.totalTva(), data.totalTtc(), data.purchaseOrder(), data.serviceCode());
    }

    @Transactional
    public void moveWatermark(long structureId, OffsetDateTime to) {
        watermarks.moveWatermark(structureId, to);
    }
}
