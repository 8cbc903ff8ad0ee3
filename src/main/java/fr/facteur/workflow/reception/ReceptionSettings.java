package fr.facteur.workflow.reception;

import org.springframework.stereotype.Component;

/** {@code ${receptionSettings.disputeTimeout}} in {@code invoice-reception.bpmn}, as ISO 8601. */
@Component("receptionSettings")
public class ReceptionSettings {

    private final ReceptionProperties properties;

    public ReceptionSettings(ReceptionProperties properties) {
        this.properties = properties;
    }

    public String getDisputeTimeout() {
        return properties.disputeTimeout().toString();
    }
}
