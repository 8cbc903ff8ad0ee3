package fr.facteur.process;

import fr.facteur.chorus.ChorusStatus;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.IndexField;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contract of {@code processes/invoice-reception.bpmn}: its key, the messages it waits on, its
 * variables (typed) and the values its conditions compare with. The BPMN, its forms, the routing
 * table and the code use these names and no other ({@code ProcessContractTest} reads them all).
 */
public final class ReceptionContract {

    public static final String KEY = "InvoiceReception";
    public static final String RESOURCE = "invoice-reception.bpmn";

    // the user tasks people see in Tasklist (their filters select them by these ids)
    public static final String TASK_VALIDATE = "Task_ValidateInvoice";
    public static final String TASK_MANDATE = "Task_RecordMandate";
    public static final String TASK_PAYMENT = "Task_RecordPayment";
    public static final String TASK_FOLLOW_DEADLINE = "Task_FollowPaymentDeadline";

    /**
     * The supplier of a disputed invoice (not from Chorus Pro) answered: documents added on the invoice
     * page or by a reply to the dispute's mail.
     */
    public static final String MESSAGE_SUPPLIER_DOCUMENTS_ADDED = "SupplierDocumentsAdded";

    /** The relève saw the supplier complete a suspended invoice, or the invoice paid; a supplier answered a dispute. */
    public static final Set<String> MESSAGES = Set.of(ChorusStatus.COMPLETEE.message(),
            ChorusStatus.MISE_EN_PAIEMENT.message(), MESSAGE_SUPPLIER_DOCUMENTS_ADDED);

    // the invoice the process is about (set at the start, never changed: see ProcessVariables.IDENTITY)
    public static final ProcessVariable<Long> INVOICE_ID = ProcessVariable.of(ProcessVariables.INVOICE_ID, Long.class);
    public static final ProcessVariable<Long> DOCUMENT_ID = ProcessVariable.of(ProcessVariables.DOCUMENT_ID, Long.class);
    public static final ProcessVariable<String> CHANNEL = ProcessVariable.of(ProcessVariables.CHANNEL, String.class);
    public static final ProcessVariable<Long> CHORUS_ID = ProcessVariable.of(ProcessVariables.CHORUS_ID, Long.class);
    /** The status Chorus Pro shows (relève invoices), as last seen. */
    public static final ProcessVariable<String> CHORUS_STATUS = ProcessVariable.of("chorusStatus", String.class);

    // extraction (ExtractionContract's flags)
    public static final ProcessVariable<Boolean> INDEXING_COMPLETE =
            ProcessVariable.of(ProcessVariables.INDEXING_COMPLETE, Boolean.class);
    public static final ProcessVariable<String> EXTRACTION_SOURCE =
            ProcessVariable.of(ProcessVariables.EXTRACTION_SOURCE, String.class);
    public static final ProcessVariable<String> DOUBTFUL_FIELDS =
            ProcessVariable.of(ProcessVariables.DOUBTFUL_FIELDS, String.class);
    public static final ProcessVariable<String> EXTRACTION_PROBLEM =
            ProcessVariable.of(ProcessVariables.EXTRACTION_PROBLEM, String.class);

    // duplicates
    public static final ProcessVariable<Long> DUPLICATE_OF = ProcessVariable.of(ProcessVariables.DUPLICATE_OF, Long.class);
    public static final ProcessVariable<String> DUPLICATE_DESCRIPTION = ProcessVariable.of("duplicateDescription", String.class);
    public static final ProcessVariable<Boolean> DUPLICATE_CONFIRMED =
            ProcessVariable.of(ProcessVariables.DUPLICATE_CONFIRMED, Boolean.class);

    // checks, matching, routing
    public static final ProcessVariable<Boolean> CHECKS_PASSED = ProcessVariable.of("checksPassed", Boolean.class);
    public static final ProcessVariable<String> CHECK_PROBLEMS = ProcessVariable.of("checkProblems", String.class);
    public static final ProcessVariable<String> MATCH_OUTCOME = ProcessVariable.of("matchOutcome", String.class);
    /** How the fields were read and what the checks prove: a variable of the validation and indexing tasks alone. */
    public static final ProcessVariable<String> READING_NOTES = ProcessVariable.of("readingNotes", String.class);
    public static final ProcessVariable<String> MATCH_MESSAGE = ProcessVariable.of("matchMessage", String.class);
    public static final ProcessVariable<String> MATCHED_ORDER = ProcessVariable.of("matchedOrder", String.class);
    public static final ProcessVariable<Object> ORDER_REMAINING_AFTER = ProcessVariable.of("orderRemainingAfter", Object.class);
    /** How many documents the supplier added on Chorus Pro with a completion (fetched on COMPLETEE). */
    public static final ProcessVariable<Integer> ATTACHMENTS_ADDED = ProcessVariable.of("attachmentsAdded", Integer.class);
    /** The routing table's answer: the candidate groups of "Valider la facture". */
    public static final ProcessVariable<String> CANDIDATE_GROUPS = ProcessVariable.of("candidateGroups", String.class);

    // what people enter
    public static final ProcessVariable<String> DECISION = ProcessVariable.of(ProcessVariables.DECISION, String.class);
    public static final ProcessVariable<String> MOTIF = ProcessVariable.of(ProcessVariables.MOTIF, String.class);
    public static final ProcessVariable<String> MANDATE_NUMBER =
            ProcessVariable.of(ProcessVariables.MANDATE_NUMBER, String.class);
    public static final ProcessVariable<String> PAYMENT_DATE = ProcessVariable.of(ProcessVariables.PAYMENT_DATE, String.class);
    /** How the supplier of a disputed invoice was told ({@code SupplierNotices.Outcome}). */
    public static final ProcessVariable<String> SUPPLIER_NOTICE = ProcessVariable.of("supplierNotice", String.class);

    /** Every variable name of the process: the typed ones above and the index fields of the forms. */
    public static final Set<String> VARIABLES = Stream.concat(Stream.of(INVOICE_ID, DOCUMENT_ID, CHANNEL, CHORUS_ID,
                    CHORUS_STATUS, INDEXING_COMPLETE, EXTRACTION_SOURCE, DOUBTFUL_FIELDS, EXTRACTION_PROBLEM, DUPLICATE_OF,
                    DUPLICATE_DESCRIPTION, DUPLICATE_CONFIRMED, CHECKS_PASSED, CHECK_PROBLEMS, READING_NOTES, MATCH_OUTCOME, MATCH_MESSAGE,
                    MATCHED_ORDER, ORDER_REMAINING_AFTER, ATTACHMENTS_ADDED, CANDIDATE_GROUPS, DECISION, MOTIF, MANDATE_NUMBER, PAYMENT_DATE,
                    SUPPLIER_NOTICE)
                    .map(ProcessVariable::name), IndexField.variables().stream())
            .collect(Collectors.toUnmodifiableSet());

    /** The values its conditions compare with, besides Chorus Pro's statuses: decisions and channels. */
    public static final Set<String> VALUES = Stream.concat(Arrays.stream(Decision.values()).map(Enum::name),
            Arrays.stream(Channel.values()).map(Enum::name)).collect(Collectors.toUnmodifiableSet());

    private ReceptionContract() {
    }
}
