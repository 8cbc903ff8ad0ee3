package fr.facteur.workflow;

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

    private ProcessVariables() {
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
