package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionProperties;
import org.springframework.stereotype.Component;

/** {@code ${emissionSettings.reportPoll}} and {@code ${emissionSettings.statusPoll}} in {@code invoice-emission.bpmn}. */
@Component("emissionSettings")
public class EmissionSettings {

    private final EmissionProperties properties;

    public EmissionSettings(EmissionProperties properties) {
        this.properties = properties;
    }

    public String getReportPoll() {
        return properties.reportPoll().toString();
    }

    public String getStatusPoll() {
        return properties.statusPoll().toString();
    }
}
