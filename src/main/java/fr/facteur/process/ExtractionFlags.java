package fr.facteur.process;

import fr.facteur.invoice.IndexField;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.InvoiceField;
import fr.facteur.extraction.UnreadableDocumentException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code invoice-extraction} task completes with, and how it fails — the same for the
 * worker inside the application and for a separate {@code ocr-worker}: four flags, never the
 * fields themselves (those are stored on the invoice).
 */
public final class ExtractionFlags {

    private ExtractionFlags() {
    }

    /** The document was read: complete when no mandatory field is doubtful. */
    public static Map<String, Object> read(Extraction extraction, double minConfidence) {
        List<String> doubtful = extraction.doubtfulFields(minConfidence);
        Map<String, Object> flags = new HashMap<>();
        flags.put(ProcessVariables.INDEXING_COMPLETE, doubtful.isEmpty());
        flags.put(ProcessVariables.EXTRACTION_SOURCE, extraction.source().name());
        flags.put(ProcessVariables.DOUBTFUL_FIELDS, IndexField.labels(doubtful));
        flags.put(ProcessVariables.EXTRACTION_PROBLEM, null);
        return flags;
    }

    /** The document cannot be read at all: a person indexes it, told why. */
    public static Map<String, Object> unreadable(UnreadableDocumentException e) {
        Map<String, Object> flags = new HashMap<>();
        flags.put(ProcessVariables.INDEXING_COMPLETE, false);
        flags.put(ProcessVariables.EXTRACTION_SOURCE, null);
        flags.put(ProcessVariables.DOUBTFUL_FIELDS, "tous (document illisible)");
        flags.put(ProcessVariables.EXTRACTION_PROBLEM, e.getMessage());
        return flags;
    }

    /** Attempts left after this failure: {@code retries} after the first one, then one less each time. */
    public static int retriesLeft(Integer current, int retries) {
        return Math.max(0, current == null ? retries : current - 1);
    }

    /** The stack trace kept with a failed task (shown in Cockpit's incident). */
    public static String details(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
