package fr.facteur.capture;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Chorus Pro relève (under {@code facteur.chorus}, beside the connection settings).
 *
 * @param releveCycle          timer cycle of the relève (ISO 8601 repeat or cron), every 5 minutes by default
 * @param recipientStructures  {@code idStructureCPP} of the structures to read; empty = every structure the
 *                             technical account receives for ({@code recuperer/structures/actives/destinataire})
 * @param releveOverlap        each relève reads again this far before the last watermark (late updates)
 * @param initialLookback      how far back the first relève of a structure reads
 * @param retryCycle           retries of each process step calling Chorus Pro, then an incident in Cockpit
 * @param incidentRetry        how often the incidents left by Chorus Pro being unreachable (an outage longer
 *                             than the retry cycle) are tried again, without a person; zero: never
 */
@ConfigurationProperties(prefix = "facteur.chorus")
public record ReleveProperties(
        @DefaultValue("R/PT5M") String releveCycle,
        @DefaultValue List<Long> recipientStructures,
        @DefaultValue("PT1H") Duration releveOverlap,
        @DefaultValue("P30D") Period initialLookback,
        @DefaultValue("R5/PT1M") String retryCycle,
        @DefaultValue("PT10M") Duration incidentRetry) {
}
