package fr.facteur.workflow;

import fr.facteur.capture.ChorusReleveService;
import fr.facteur.capture.ReleveProperties;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What {@code chorus-releve.bpmn} reads through expressions: the timer and retry cycles
 * ({@code ${chorusReleve.cycle}}, {@code ${chorusReleve.retryCycle}}) and the collections its multi-instance activities loop over —
 * computed when the activity starts, never stored as process variables.
 */
@Component("chorusReleve")
public class ChorusReleveProcess {

    private final ChorusReleveService releve;
    private final ReleveProperties properties;

    /**
     * The service is injected lazily: the timer cycle is read while the engine deploys the
     * relève, before the services that need the engine can exist.
     */
    public ChorusReleveProcess(@Lazy ChorusReleveService releve, ReleveProperties properties) {
        this.releve = releve;
        this.properties = properties;
    }

    public String getCycle() {
        return properties.releveCycle();
    }

    public String getRetryCycle() {
        return properties.releveRetryCycle();
    }

    public List<Long> structures() {
        return releve.structures();
    }

    public List<Long> pendingImports(Long idStructure) {
        return releve.pendingImports(idStructure);
    }
}
