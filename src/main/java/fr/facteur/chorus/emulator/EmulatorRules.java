package fr.facteur.chorus.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The emulator's model of Chorus Pro's rules for received invoices (reference §3.6, §3.7, §6.2):
 * which status a recipient may set from which, and what each target requires.
 */
final class EmulatorRules {

    static final int OK = 0;
    static final int EMPTY_SEARCH = 20000;
    static final int UNKNOWN_INVOICE = 20001;
    static final int TRANSITION_REFUSED = 20002;
    static final int MOTIF_REQUIRED = 20003;
    static final int MANDATE_REQUIRED = 20004;
    static final int INVALID_REQUEST = 20005;

    private static final List<String> FROM_AVAILABLE = List.of("SERVICE_FAIT", "SUSPENDUE", "REJETEE", "A_RECYCLER",
            "MANDATEE", "MISE_A_DISPOSITION_COMPTABLE", "COMPTABILISEE", "MISE_EN_PAIEMENT");

    /** Targets a recipient may set, per current status; absent = none (final, or the supplier's turn). */
    static final Map<String, List<String>> TARGETS = Map.of(
            "MISE_A_DISPOSITION", FROM_AVAILABLE,
            "COMPLETEE", FROM_AVAILABLE,
            "SERVICE_FAIT", List.of("SUSPENDUE", "REJETEE", "MANDATEE", "MISE_A_DISPOSITION_COMPTABLE",
                    "COMPTABILISEE", "MISE_EN_PAIEMENT"),
            "MANDATEE", List.of("MISE_A_DISPOSITION_COMPTABLE", "COMPTABILISEE", "MISE_EN_PAIEMENT"),
            "MISE_A_DISPOSITION_COMPTABLE", List.of("COMPTABILISEE", "MISE_EN_PAIEMENT"),
            "COMPTABILISEE", List.of("MISE_EN_PAIEMENT"));

    static final Set<String> MOTIF_TARGETS = Set.of("SUSPENDUE", "REJETEE");

    /** Statuses in which a supplier may complete the invoice. */
    static final String SUSPENDED = "SUSPENDUE";

    private EmulatorRules() {
    }

    static List<String> targets(String current) {
        return TARGETS.getOrDefault(current, List.of());
    }
}
