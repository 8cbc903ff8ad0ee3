package fr.facteur.process;

import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The contract of {@code processes/chorus-releve.bpmn}: a relève, one sub-process per recipient structure. */
public final class ReleveContract {

    public static final String KEY = "ChorusReleve";
    public static final String RESOURCE = "chorus-releve.bpmn";
    /** Starts a relève now (the API's {@code POST /api/chorus/releve}). */
    public static final String RELEVE_REQUESTED = "ChorusReleveRequested";
    public static final Set<String> MESSAGES = Set.of(RELEVE_REQUESTED);

    /** The structure being read ({@code idStructureCPP}), one per sub-process instance. */
    public static final ProcessVariable<Long> STRUCTURE = ProcessVariable.of("idStructure", Long.class);
    /** The end of the window read: the next watermark. */
    public static final ProcessVariable<Date> WINDOW_TO = ProcessVariable.of("windowTo", Date.class);
    /** How many invoices the window held. */
    public static final ProcessVariable<Integer> INVOICES_SEEN = ProcessVariable.of("invoicesSeen", Integer.class);

    public static final Set<String> VARIABLES = Stream.of(STRUCTURE, WINDOW_TO, INVOICES_SEEN)
            .map(ProcessVariable::name).collect(Collectors.toUnmodifiableSet());
    public static final Set<String> VALUES = Set.of();

    private ReleveContract() {
    }
}
