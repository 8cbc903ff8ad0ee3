package fr.facteur.capture;

import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.StoredDocument;
import fr.facteur.chorus.ChorusReception.ReceivedInvoice;
import fr.facteur.chorus.ChorusReception.StatusSeen;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.NewInvoice;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Chorus Pro channel: reads what changed per recipient structure, queues new invoices, and
 * imports each one exactly once (natural key {@code CHORUS:<idFacture>}) into the same intake
 * as every other channel: document stored, invoice registered, {@code InvoiceReception} started,
 * in one transaction. A known invoice whose Chorus status changed gets its mirror updated and
 * its running process told (message {@code ChorusStatusChanged}).
 */
@Service
public class ChorusReleveService {

    /** Key of the relève process ({@code processes/chorus-releve.bpmn}). */
    public static final String RELEVE_PROCESS = "ChorusReleve";
    /** Message that starts a relève on demand (the other start is the timer). */
    public static final String RELEVE_REQUESTED_MESSAGE = "ChorusReleveRequested";

    /** Message correlated to an invoice's process when Chorus Pro shows a new status. */
    public static final String STATUS_CHANGED_MESSAGE = "ChorusStatusChanged";
    public static final String ACTOR = "relève Chorus Pro";

    private static final Logger log = LoggerFactory.getLogger(ChorusReleveService.class);

    private final ChorusReception chorus;
    private final ChorusReleveRepository releve;
    private final InvoiceService invoices;
    private final DocumentStore documents;
    private final RuntimeService runtimeService;
    private final ReleveProperties properties;
    private final Clock clock = Clock.systemUTC();

    public ChorusReleveService(ChorusReception chorus, ChorusReleveRepository releve, InvoiceService invoices,
                               DocumentStore documents, RuntimeService runtimeService, ReleveProperties properties) {
        this.chorus = chorus;
        this.releve = releve;
        this.invoices = invoices;
        this.documents = documents;
        this.runtimeService = runtimeService;
        this.properties = properties;
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
        OffsetDateTime from = releve.watermark(structureId)
                .map(watermark -> watermark.minus(properties.releveOverlap()))
                .orElseGet(() -> now.minus(properties.initialLookback()));
        return new Window(from, now);
    }

    public record Window(OffsetDateTime from, OffsetDateTime to) {
    }

    /** Outcome of one search: new invoices queued, known ones whose status changed. */
    public record SearchOutcome(int seen, int queued, int statusChanges) {
    }

    /** Reads every invoice of the structure changed in the window (all pages) and sorts them out. */
    @Transactional
    public SearchOutcome searchChanged(long structureId, Window window) {
        List<StatusSeen> seen = chorus.changedBetween(structureId, window.from(), window.to());
        int queued = 0;
        int changes = 0;
        for (StatusSeen invoice : seen) {
            Optional<Invoice> known = invoices.findByExternalKey(externalKey(invoice.idFacture()));
            if (known.isEmpty()) {
                releve.enqueue(invoice.idFacture(), structureId, invoice.status());
                queued++;
            } else if (invoices.recordChorusStatus(known.get().id(), invoice.status(), invoice.statusTime())) {
                changes++;
                runtimeService.createMessageCorrelation(STATUS_CHANGED_MESSAGE)
                        .processInstanceBusinessKey(known.get().externalKey())
                        .setVariable("chorusStatus", invoice.status())
                        .correlateAllWithResult();
            }
        }
        log.info("Relève of structure {} ({} to {}): {} invoices seen, {} to import, {} status changes",
                structureId, window.from(), window.to(), seen.size(), queued, changes);
        return new SearchOutcome(seen.size(), queued, changes);
    }

    /** Invoices of the structure seen by a relève and not imported yet (failed imports included). */
    public List<Long> pendingImports(long structureId) {
        return releve.pending(structureId);
    }

    /**
     * Imports one invoice: index data, PDF, invoice record and process start commit together.
     * Importing an invoice already known does nothing (another relève or node got there first).
     */
    @Transactional
    public Optional<Invoice> importInvoice(long idFacture) {
        String key = externalKey(idFacture);
        if (invoices.findByExternalKey(key).isPresent()) {
            releve.dequeue(idFacture);
            return Optional.empty();
        }
        ReceivedInvoice data = chorus.read(idFacture);
        byte[] pdf = chorus.downloadPdf(idFacture);
        String mediaType = DocumentTypeDetector.detect(pdf).orElse("application/octet-stream");
        StoredDocument document = documents.store(pdf, mediaType, "chorus-" + idFacture
                + (mediaType.equals(DocumentTypeDetector.PDF) ? ".pdf" : ".zip"));
        InvoiceIndex index = new InvoiceIndex(data.supplierName(), data.supplierSiret(), null, data.buyerName(),
                data.buyerSiret(), data.invoiceNumber(), data.issueDate(), data.dueDate(), data.currency(),
                data.totalHt(), data.totalTva(), data.totalTtc(), data.purchaseOrder(), data.serviceCode());
        InvoiceService.Registration registration = invoices.register(new NewInvoice(Direction.RECEIVED, Channel.CHORUS,
                key, idFacture, index, data.status()), document.id(), ACTOR);
        if (registration.created()) {
            runtimeService.createProcessInstanceByKey(IntakeService.RECEPTION_PROCESS)
                    .businessKey(key)
                    .setVariable("invoiceId", registration.invoice().id())
                    .setVariable("channel", Channel.CHORUS.name())
                    .setVariable("chorusStatus", data.status())
                    .execute();
        }
        releve.dequeue(idFacture);
        return Optional.of(registration.invoice());
    }

    @Transactional
    public void moveWatermark(long structureId, OffsetDateTime to) {
        releve.moveWatermark(structureId, to);
    }
}
