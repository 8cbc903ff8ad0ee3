package fr.facteur.process;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contract of {@code processes/chorus-status-push.bpmn}, called by the reception for each
 * status to send to Chorus Pro: what it receives, what its refusal task asks.
 */
public final class StatusPushContract {

    public static final String KEY = "ChorusStatusPush";
    public static final String RESOURCE = "chorus-status-push.bpmn";
    public static final Set<String> MESSAGES = Set.of();
    /** The BPMN error a functional refusal of Chorus Pro raises on the push step. */
    public static final String REFUSAL_ERROR = "CHORUS_REFUSAL";

    public static final ProcessVariable<Long> INVOICE_ID = ReceptionContract.INVOICE_ID;
    public static final ProcessVariable<String> CHANNEL = ReceptionContract.CHANNEL;
    /** The Chorus Pro status to reach ({@code SERVICE_FAIT}, {@code SUSPENDUE}...). */
    public static final ProcessVariable<String> TARGET_STATUS = ProcessVariable.of("targetStatus", String.class);
    public static final ProcessVariable<String> MANDATE_NUMBER = ReceptionContract.MANDATE_NUMBER;
    public static final ProcessVariable<String> MOTIF = ReceptionContract.MOTIF;
    /** What the push did: {@code PUSHED}, {@code ALREADY} (Chorus Pro already showed it)... */
    public static final ProcessVariable<String> PUSH_OUTCOME = ProcessVariable.of("chorusPushOutcome", String.class);
    public static final ProcessVariable<String> REFUSAL_CODE = ProcessVariable.of("refusalCode", String.class);
    public static final ProcessVariable<String> REFUSAL_MESSAGE = ProcessVariable.of("refusalMessage", String.class);
    /** Entered in "Résoudre un refus Chorus": {@link #RETRY} or {@link #ABANDON}. */
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.of("resolution", String.class);
    public static final ProcessVariable<String> RESOLUTION_COMMENT = ProcessVariable.of("resolutionComment", String.class);
    public static final String RETRY = "RETRY";
    public static final String ABANDON = "ABANDON";

    public static final Set<String> VARIABLES = Stream.of(INVOICE_ID, CHANNEL, TARGET_STATUS, MANDATE_NUMBER, MOTIF,
            PUSH_OUTCOME, REFUSAL_CODE, REFUSAL_MESSAGE, RESOLUTION, RESOLUTION_COMMENT)
            .map(ProcessVariable::name).collect(Collectors.toUnmodifiableSet());
    public static final Set<String> VALUES = Set.of(RETRY, ABANDON, "CHORUS");

    private StatusPushContract() {
    }
}
