package fr.facteur.chorus;

import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.identifiers.Siret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Chorus Pro's directory of public structures, by SIRET: the name a public entity has on Chorus
 * Pro ({@code rechercherStructure}). Answers are kept a day (a structure's name rarely changes, and
 * an extraction must not call Chorus Pro for every invoice of the same buyer); a Chorus Pro that
 * fails is no answer, never an error: the caller goes on with what it read.
 */
@Service
public class StructureDirectory {

    private static final Logger log = LoggerFactory.getLogger(StructureDirectory.class);
    private static final Duration KEPT = Duration.ofDays(1);
    private static final int MAX_KEPT = 10_000;

    private record Known(Optional<String> name, Instant until) {
    }

    private final ChorusClient client;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public StructureDirectory(ChorusClient client) {
        this.client = client;
    }

    /** The designation of the active or inactive public structure of this SIRET on Chorus Pro, if it has one. */
    public Optional<String> nameOf(String siret) {
        String normalized = Siret.normalize(siret);
        if (normalized == null || !Siret.isValidSiret(normalized)) {
            return Optional.empty();
        }
        Known cached = known.get(normalized);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.name();
        }
        Optional<String> name;
        try {
            name = client.findStructures(RechercherStructureRequest.bySiret(normalized)).stream()
                    .filter(s -> normalized.equals(s.identifiantStructure()))
                    .map(s -> s.designationStructure() == null ? null : s.designationStructure().strip())
                    .filter(n -> n != null && !n.isEmpty())
                    .findFirst();
        } catch (RuntimeException e) {
            log.warn("Chorus Pro's structure directory did not answer for SIRET {}: {}", normalized, e.getMessage());
            return Optional.empty();
        }
        if (known.size() >= MAX_KEPT) {
            known.clear();
        }
        known.put(normalized, new Known(name, Instant.now().plus(KEPT)));
        return name;
    }
}
