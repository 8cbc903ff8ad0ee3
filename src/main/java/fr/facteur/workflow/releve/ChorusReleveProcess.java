package fr.facteur.workflow.releve;

import fr.facteur.capture.ChorusReleveService;
import fr.facteur.chorus.ChorusProperties;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What {@code chorus-releve.bpmn} reads through expressions: the timer cycle
 * ({@code ${chorusReleve.cycle}}) and the recipient structures its multi-instance subprocess
 * loops over — computed when the subprocess starts, never stored as process variables.
 */
@Component("chorusReleve")
public class ChorusReleveProcess {

    private final ChorusReleveService releve;
    private final ChorusProperties properties;

    /**
     * The service is injected lazily: the timer cycle is read while the engine deploys the
     * relève, before the services that need the engine can exist.
     */
    public ChorusReleveProcess(@Lazy ChorusReleveService releve, ChorusProperties properties) {
        this.releve = releve;
        this.properties = properties;
    }

    public String getCycle() {
        return properties.releveCycle();
    }

    public List<Long> structures() {
        return releve.structures();
    }
}
