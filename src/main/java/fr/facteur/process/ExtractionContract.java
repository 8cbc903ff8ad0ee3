package fr.facteur.process;

import java.util.Set;

/**
 * The contract of the external task that reads an invoice's document ({@code Task_ExtractInvoiceData}
 * of the reception and the emission): its topic, and the four flags it completes with — the same
 * for the worker inside the application and for a separate OCR worker over HTTP. The fields
 * themselves are stored on the invoice, never in the process.
 */
public final class ExtractionContract {

    public static final String TOPIC = "invoice-extraction";
    public static final Set<String> FLAGS = Set.of(ProcessVariables.INDEXING_COMPLETE, ProcessVariables.EXTRACTION_SOURCE,
            ProcessVariables.DOUBTFUL_FIELDS, ProcessVariables.EXTRACTION_PROBLEM);

    private ExtractionContract() {
    }
}
