package fr.facteur.workflow.extraction;

import fr.facteur.process.ExtractionContract;
import fr.facteur.process.ExtractionFlags;
import fr.facteur.process.ProcessVariables;
import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.capture.DirectoryNames;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.ExtractionProperties;
import fr.facteur.extraction.ExtractionService;
import fr.facteur.extraction.UnreadableDocumentException;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceService;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ExtractInvoiceData} "Extraire les données de la facture" (external task, topic
 * {@value ExtractionContract#TOPIC}): reads the invoice's main document, stores the result on the invoice and
 * answers with a few flags only. A document that cannot be read is not an error: the flags send
 * it to a person with the reason. Anything else (OCR engine missing, database down) throws, so
 * the worker reports a failure, Camunda retries, and an incident shows when retries run out.
 */
@Component
public class ExtractInvoiceDataHandler {


    /** Who the audit trail names for a reading done by the worker inside the application. */
    static final String WORKER = "extraction";

    private static final Logger log = LoggerFactory.getLogger(ExtractInvoiceDataHandler.class);

    private final InvoiceService invoices;
    private final InvoiceExtractions extractions;
    private final DocumentStore documents;
    private final ExtractionService extraction;
    private final ExtractionProperties properties;
    private final DirectoryNames directoryNames;

    public ExtractInvoiceDataHandler(InvoiceService invoices, InvoiceExtractions extractions, DocumentStore documents,
                                     ExtractionService extraction, ExtractionProperties properties,
                                     DirectoryNames directoryNames) {
        this.directoryNames = directoryNames;
        this.invoices = invoices;
        this.extractions = extractions;
        this.documents = documents;
        this.extraction = extraction;
        this.properties = properties;
    }

    /** Extracts and stores; returns the variables to complete the external task with. */
    public Map<String, Object> handle(long invoiceId) {
        long documentId = invoices.mainDocumentId(invoiceId).orElseThrow(() -> new IllegalStateException("Invoice " + invoiceId + " has no main document"));
        DocumentContent document = documents.load(documentId)
                .orElseThrow(() -> new IllegalStateException("Document " + documentId + " is missing"));
        try {
            Extraction read = directoryNames.confirm(extraction.extract(document.bytes()));
            extractions.record(invoiceId, documentId, read, WORKER);
            Map<String, Object> flags = ExtractionFlags.read(read, properties.minConfidence());
            log.info("Invoice {}: {} fields read via {}, to check: {}", invoiceId, read.fields().size(), read.source(),
                    flags.get(ProcessVariables.DOUBTFUL_FIELDS));
            return flags;
        } catch (UnreadableDocumentException e) {
            log.warn("Invoice {}: document {} cannot be read ({}): sent to a person", invoiceId, documentId, e.reason());
            extractions.recordUnreadable(invoiceId, documentId, e.getMessage(), WORKER);
            return ExtractionFlags.unreadable(e);
        }
    }
}
