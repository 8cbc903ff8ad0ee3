package fr.facteur.process;

import fr.facteur.invoice.IndexField;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contract of {@code processes/invoice-emission.bpmn}: an outgoing invoice read, confirmed by a
 * person, checked, deposited on Chorus Pro and followed until paid.
 */
public final class EmissionContract {

    public static final String KEY = "InvoiceEmission";
    public static final String RESOURCE = "invoice-emission.bpmn";
    public static final Set<String> MESSAGES = Set.of();

    public static final ProcessVariable<Long> INVOICE_ID = ReceptionContract.INVOICE_ID;
    public static final ProcessVariable<Long> DOCUMENT_ID = ReceptionContract.DOCUMENT_ID;
    public static final ProcessVariable<String> CHANNEL = ReceptionContract.CHANNEL;
    public static final ProcessVariable<Long> CHORUS_ID = ReceptionContract.CHORUS_ID;
    /** What the recipient requires on its invoices (Chorus Pro), in French, shown on the form. */
    public static final ProcessVariable<String> RECIPIENT_REQUIREMENTS =
            ProcessVariable.of("recipientRequirements", String.class);
    /** Entered in the confirmation or correction task: true to give up emitting this invoice. */
    public static final ProcessVariable<Boolean> ABANDON = ProcessVariable.of("abandon", Boolean.class);
    /** Why the invoice is given up, when it is. */
    public static final ProcessVariable<String> MOTIF = ReceptionContract.MOTIF;
    /** Set by the pre-flight: true when nothing known would make Chorus Pro refuse the deposit. */
    public static final ProcessVariable<Boolean> PREFLIGHT_PASSED = ProcessVariable.of("preflightPassed", Boolean.class);
    /** Set by the pre-flight: the reasons it failed, one per line, in French. */
    public static final ProcessVariable<String> PREFLIGHT_PROBLEMS = ProcessVariable.of("preflightProblems", String.class);
    /** Set by the deposit: {@link #FLUX} (report to follow), {@link #SUBMITTED} or {@link #REFUSED}. */
    public static final ProcessVariable<String> DEPOSIT_OUTCOME = ProcessVariable.of("depositOutcome", String.class);
    /** Set by the report reading: {@link #PENDING}, {@link #INTEGRATED} or {@link #REJECTED}. */
    public static final ProcessVariable<String> DEPOSIT_REPORT = ProcessVariable.of("depositReport", String.class);
    /** Set by the status reading: {@link #WAITING}, {@link #SUSPENDED}, {@link #REJECTED}, {@link #PAID}, {@link #SILENT}. */
    public static final ProcessVariable<String> FOLLOW_OUTCOME = ProcessVariable.of("followOutcome", String.class);
    /** Why the invoice must be corrected (deposit rejected, refused, or invoice rejected), in French. */
    public static final ProcessVariable<String> CORRECTION_REASONS = ProcessVariable.of("correctionReasons", String.class);
    /** The Chorus Pro status of the invoice, as last read. */
    public static final ProcessVariable<String> CHORUS_STATUS = ReceptionContract.CHORUS_STATUS;
    /** The recipient's comment with the suspension (what is missing). */
    public static final ProcessVariable<String> SUSPENSION_MOTIF = ProcessVariable.of("suspensionMotif", String.class);
    /** When the suspension was seen (ISO): documents added since then are sent with the completion. */
    public static final ProcessVariable<String> SUSPENDED_AT = ProcessVariable.of("suspendedAt", String.class);
    /** Entered in "Compléter la facture suspendue": the comment sent to the recipient. */
    public static final ProcessVariable<String> COMPLETION_COMMENT = ProcessVariable.of("completionComment", String.class);

    // deposit outcomes
    public static final String FLUX = "FLUX";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String REFUSED = "REFUSED";
    // deposit reports
    public static final String PENDING = "PENDING";
    public static final String INTEGRATED = "INTEGRATED";
    public static final String REJECTED = "REJECTED";
    // follow outcomes (and REJECTED)
    public static final String WAITING = "WAITING";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String PAID = "PAID";
    public static final String SILENT = "SILENT";

    public static final Set<String> VARIABLES = Stream.concat(Stream.of(INVOICE_ID, DOCUMENT_ID, CHANNEL, CHORUS_ID,
                    RECIPIENT_REQUIREMENTS, ABANDON, MOTIF, PREFLIGHT_PASSED, PREFLIGHT_PROBLEMS, DEPOSIT_OUTCOME,
                    DEPOSIT_REPORT, FOLLOW_OUTCOME, CORRECTION_REASONS, CHORUS_STATUS, SUSPENSION_MOTIF, SUSPENDED_AT,
                    COMPLETION_COMMENT).map(ProcessVariable::name), IndexField.variables().stream())
            .collect(Collectors.toUnmodifiableSet());
    public static final Set<String> VALUES = Set.of(FLUX, SUBMITTED, REFUSED, PENDING, INTEGRATED, REJECTED, WAITING,
            SUSPENDED, PAID, SILENT);

    private EmissionContract() {
    }
}
