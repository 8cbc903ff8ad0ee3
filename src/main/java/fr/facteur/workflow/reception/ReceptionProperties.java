package fr.facteur.workflow.reception;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reception circuit's own settings.
 *
 * @param disputeTimeout how long a disputed (suspended) invoice waits for the supplier's completion
 *                       before it comes back to validation anyway
 */
@ConfigurationProperties(prefix = "facteur.reception")
public record ReceptionProperties(@DefaultValue("P30D") Period disputeTimeout) {
}
