package fr.facteur.workflow;

import fr.facteur.chorus.ChorusProperties;
import org.springframework.stereotype.Component;

/**
 * {@code ${chorusRetry.cycle}}: how the engine retries a step that calls Chorus Pro
 * ({@code facteur.chorus.retry-cycle}, R5/PT1M), before the failure becomes an incident in Cockpit.
 */
@Component("chorusRetry")
public class ChorusRetry {

    private final ChorusProperties properties;

    public ChorusRetry(ChorusProperties properties) {
        this.properties = properties;
    }

    public String getCycle() {
        return properties.retryCycle();
    }
}
