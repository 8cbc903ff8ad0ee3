package fr.facteur.capture;

import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.StoredDocument;
import fr.facteur.extraction.DocumentTypeDetector;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.DisputeReference;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.NewInvoice;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one entrance for documents from every channel: checks the document, stores it, creates the
 * invoice record and starts its process, all in one transaction. The natural key (the SHA-256 of
 * the bytes) makes a re-delivery return the existing invoice instead of creating a second one.
 */
@Service
public class IntakeService {


    private static final int MAX_FILENAME = 255;

    private final DocumentStore documents;
    private final InvoiceService invoices;
    private final CircuitStart circuits;
    private final CaptureProperties properties;

    public IntakeService(DocumentStore documents, InvoiceService invoices, CircuitStart circuits,
                         CaptureProperties properties) {
        this.documents = documents;
        this.invoices = invoices;
        this.circuits = circuits;
        this.properties = properties;
    }

    @Transactional
    public IntakeResult receive(IntakeRequest request) {
        String filename = cleanFilename(request.filename());
        String mediaType = check(request.content(), filename);

        StoredDocument document = documents.store(request.content(), mediaType, filename);
        // the same file may be received by one entity and emitted by another: two invoices, two keys
        String externalKey = request.externalKey() != null ? request.externalKey()
                : (request.direction() == Direction.EMITTED ? "EMITTED:SHA256:" : "SHA256:") + document.sha256();
        NewInvoice invoice = new NewInvoice(request.direction(), request.channel(), externalKey, null,
                InvoiceIndex.empty(), null, null);
        InvoiceService.Registration registration = invoices.register(invoice, document.id(), request.actor());
        if (registration.created()) {
            for (IntakeRequest.SupportingDocument supporting : request.supporting()) {
                StoredDocument stored = documents.store(supporting.content(), supporting.mediaType(),
                        cleanFilename(supporting.filename()));
                invoices.attachDocument(registration.invoice().id(), stored.id(), request.actor());
            }
            circuits.start(registration.invoice(), Map.of());
        }
        return new IntakeResult(registration.invoice(), registration.created());
    }

    /**
     * Groups a supporting document (delivery note, contract, a scan of a signed order...) with an
     * invoice; the same bytes added twice are kept once. Accepted: PDF, PNG, JPEG, TIFF, XML and
     * UTF-8 text — what the GED can show and search; other types are refused with a reason.
     *
     * @return the invoice's document and whether this call added it
     */
    @Transactional
    public SupportingDocumentResult addSupportingDocument(long invoiceId, byte[] content, String filename, String actor) {
        invoices.get(invoiceId);
        String name = cleanFilename(filename);
        String shown = name == null ? "sans nom" : name;
        if (content == null || content.length == 0) {
            throw new RejectedDocumentException(RejectedDocumentException.Reason.EMPTY,
                    "Le fichier « " + shown + " » est vide.");
        }
        if (content.length > properties.maxFileSize().toBytes()) {
            throw new RejectedDocumentException(RejectedDocumentException.Reason.TOO_LARGE,
                    "Le fichier « " + shown + " » dépasse la taille maximale de " + properties.maxFileSize() + ".");
        }
        String mediaType = DocumentTypeDetector.detect(content)
                .or(() -> isText(content) ? Optional.of("text/plain; charset=UTF-8") : Optional.empty())
                .orElseThrow(() -> new RejectedDocumentException(RejectedDocumentException.Reason.UNSUPPORTED_TYPE,
                        "Le fichier « " + shown + " » n'est ni un PDF, ni une image (PNG, JPEG, TIFF), ni un XML,"
                                + " ni un texte."));
        StoredDocument stored = documents.store(content, mediaType, name);
        boolean added = invoices.attachDocument(invoiceId, stored.id(), actor);
        InvoiceDocument document = invoices.documents(invoiceId).stream()
                .filter(d -> d.documentId() == stored.id()).findFirst().orElseThrow();
        Invoice invoice = invoices.get(invoiceId);
        if (added && invoice.status() == InvoiceStatus.DISPUTED && invoice.channel() != Channel.CHORUS) {
            // the documents a dispute asked for: validation resumes (a Chorus Pro invoice waits for COMPLETEE)
            circuits.supplierAnswered(invoice);
        }
        return new SupportingDocumentResult(document, added);
    }

    /** A file of a supplier's reply to a dispute. */
    public record ReplyFile(byte[] content, String filename) {
    }

    /**
     * A supplier's reply to the mail of a dispute (its subject keeps the dispute's reference): each file
     * and the mail's text are grouped with the invoice, which goes back to validation. Refused (empty)
     * when the reference is not that invoice's, the invoice is no longer in dispute, or the reply does not
     * come from the address the invoice came from: the mail is then left for a person.
     *
     * @return how many documents the reply added
     */
    @Transactional
    public Optional<Integer> answerDispute(DisputeReference.Found reference, String from, List<ReplyFile> files,
                                           byte[] mailText) {
        Optional<Invoice> found = invoices.find(reference.invoiceId());
        if (found.isEmpty() || !DisputeReference.matches(reference, found.get())
                || found.get().status() != InvoiceStatus.DISPUTED || found.get().channel() == Channel.CHORUS
                || invoices.mailSender(found.get().id()).filter(sender -> sender.equalsIgnoreCase(from)).isEmpty()) {
            return Optional.empty();
        }
        long invoiceId = found.get().id();
        String actor = InvoiceService.MAIL_ACTOR_PREFIX + from;
        int added = 0;
        for (ReplyFile file : files) {
            if (addSupportingDocument(invoiceId, file.content(), file.filename(), actor).added()) {
                added++;
            }
        }
        addSupportingDocument(invoiceId, mailText, "reponse-fournisseur.txt", actor);
        circuits.supplierAnswered(invoices.get(invoiceId));
        return Optional.of(added);
    }

    /** The outcome of {@link #addSupportingDocument}. */
    public record SupportingDocumentResult(InvoiceDocument document, boolean added) {
    }

    /** Plain UTF-8 text: decodes strictly and holds no control characters but line breaks and tabs. */
    private static boolean isText(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Refuses what cannot become an invoice; returns the detected media type otherwise. */
    private String check(byte[] content, String filename) {
        String name = filename == null ? "sans nom" : filename;
        if (content == null || content.length == 0) {
            throw new RejectedDocumentException(RejectedDocumentException.Reason.EMPTY,
                    "Le fichier « " + name + " » est vide.");
        }
        long max = properties.maxFileSize().toBytes();
        if (content.length > max) {
            throw new RejectedDocumentException(RejectedDocumentException.Reason.TOO_LARGE,
                    "Le fichier « " + name + " » dépasse la taille maximale de " + properties.maxFileSize() + ".");
        }
        return DocumentTypeDetector.detect(content).orElseThrow(() -> new RejectedDocumentException(
                RejectedDocumentException.Reason.UNSUPPORTED_TYPE,
                "Le fichier « " + name + " » n'est ni un PDF, ni une image (PNG, JPEG, TIFF), ni une facture XML."));
    }

    private static String cleanFilename(String filename) {
        if (filename == null || filename.isBlank()) {
            return null;
        }
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.length() > MAX_FILENAME ? base.substring(base.length() - MAX_FILENAME) : base;
    }
}
