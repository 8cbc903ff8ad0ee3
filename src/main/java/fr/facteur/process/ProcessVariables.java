package fr.facteur.process;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables shared by the BPMN files, the forms and the delegates. */
public final class ProcessVariables {

    /** The invoice record's id: the process carries it, never the document. */
    public static final String INVOICE_ID = "invoiceId";
    /** The validator's decision: {@code APPROVE}, {@code DISPUTE} or {@code REJECT}. */
    public static final String DECISION = "decision";
    /** Why the invoice is disputed or rejected (required for DISPUTE and REJECT), sent to Chorus Pro. */
    public static final String MOTIF = "motif";
    /** The mandate (payment order) number entered in {@code Task_RecordMandate}. */
    public static final String MANDATE_NUMBER = "mandateNumber";
    /** The payment date (ISO) entered in {@code Task_RecordPayment}. */
    public static final String PAYMENT_DATE = "paymentDate";
    /** The invoice's main document, for the link shown on the task form. */
    public static final String DOCUMENT_ID = "documentId";
    /** The channel the invoice came through ({@code CHORUS}, {@code UPLOAD}...), set at the start. */
    public static final String CHANNEL = "channel";
    /** The invoice's id on Chorus Pro, for the invoices of the relève. */
    public static final String CHORUS_ID = "chorusId";
    /**
     * Who the process is about: set by the engine's own code (start, delegates), never written by a
     * person or a worker afterwards (security's process data guard refuses it).
     */
    public static final java.util.Set<String> IDENTITY = java.util.Set.of(INVOICE_ID, DOCUMENT_ID, CHANNEL, CHORUS_ID);

    /** Set by the extraction: true when every mandatory field was read with enough confidence. */
    public static final String INDEXING_COMPLETE = "indexingComplete";
    /** Set by the extraction: which branch read the document (FACTURX, ..., TEXT, OCR). */
    public static final String EXTRACTION_SOURCE = "extractionSource";
    /** Set by the extraction: the mandatory fields to check, as their French labels for the form. */
    public static final String DOUBTFUL_FIELDS = "doubtfulFields";
    /** Set by the extraction when the document could not be read at all: why, in French. */
    public static final String EXTRACTION_PROBLEM = "extractionProblem";
    /** Set by the duplicate check: the id of the invoice this one seems to repeat, or null. */
    public static final String DUPLICATE_OF = "duplicateOf";
    /** Entered in {@code Task_CheckDuplicate}: true when the person confirms it is a duplicate. */
    public static final String DUPLICATE_CONFIRMED = "duplicateConfirmed";

    private ProcessVariables() {
    }

    /**
     * Sets a variable, unless it holds this very value already: writing an unchanged value costs the
     * engine four statements (the variable, its history read, updated and detailed) and says nothing.
     */
    public static void set(VariableScope scope, String name, Object value) {
        if (!scope.hasVariable(name) || !java.util.Objects.equals(scope.getVariable(name), value)) {
            scope.setVariable(name, value);
        }
    }

    /** {@link #set} for each of these variables. */
    public static void setAll(VariableScope scope, java.util.Map<String, ?> values) {
        values.forEach((name, value) -> set(scope, name, value));
    }

    /** The invoice id of a process, whatever integer type a client started it with. */
    public static long invoiceId(VariableScope scope) {
        return longValue(scope, INVOICE_ID);
    }

    /** A required whole-number variable (ids), whatever integer type it was stored as. */
    public static long longValue(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("Process variable " + name + " is missing or not a number: " + value);
    }
}
