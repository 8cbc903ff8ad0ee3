package fr.facteur.workflow;

/** Names of the variables of {@code invoice-emission.bpmn}, its forms and its delegates. */
final class EmissionVariables {

    /** What the recipient requires on its invoices (Chorus Pro), in French, shown on the form. */
    static final String RECIPIENT_REQUIREMENTS = "recipientRequirements";
    /** Entered in the confirmation or correction task: true to give up emitting this invoice. */
    static final String ABANDON = "abandon";
    /** Set by the pre-flight: true when nothing known would make Chorus Pro refuse the deposit. */
    static final String PREFLIGHT_PASSED = "preflightPassed";
    /** Set by the pre-flight: the reasons it failed, one per line, in French. */
    static final String PREFLIGHT_PROBLEMS = "preflightProblems";
    /** Set by the deposit: {@code FLUX} (report to follow), {@code SUBMITTED} (invoice id known) or {@code REFUSED}. */
    static final String DEPOSIT_OUTCOME = "depositOutcome";
    /** Set by the report reading: {@code PENDING}, {@code INTEGRATED} or {@code REJECTED}. */
    static final String DEPOSIT_REPORT = "depositReport";
    /** Set by the status reading: {@code WAITING}, {@code SUSPENDED}, {@code REJECTED}, {@code PAID} or {@code SILENT}. */
    static final String FOLLOW_OUTCOME = "followOutcome";
    /** Why the invoice must be corrected (deposit rejected, refused, or invoice rejected), in French. */
    static final String CORRECTION_REASONS = "correctionReasons";
    /** The Chorus Pro status of the invoice, as last read. */
    static final String CHORUS_STATUS = "chorusStatus";
    /** The recipient's comment with the suspension (what is missing). */
    static final String SUSPENSION_MOTIF = "suspensionMotif";
    /** When the suspension was seen (ISO): documents added since then are sent with the completion. */
    static final String SUSPENDED_AT = "suspendedAt";
    /** Entered in "Compléter la facture suspendue": the comment sent to the recipient. */
    static final String COMPLETION_COMMENT = "completionComment";

    private EmissionVariables() {
    }
}
