package fr.facteur.workflow.releve;

import fr.facteur.process.ReleveContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.capture.ChorusReleveService;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_MoveWatermark} "Avancer le curseur de relève": only after every invoice of the
 * window was imported, so that nothing is skipped when an import fails.
 */
@Component
public class MoveWatermarkDelegate implements JavaDelegate {

    private final ChorusReleveService releve;

    public MoveWatermarkDelegate(ChorusReleveService releve) {
        this.releve = releve;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long structure = ReleveContract.STRUCTURE.require(execution);
        Date to = ReleveContract.WINDOW_TO.require(execution);
        releve.moveWatermark(structure, to.toInstant().atOffset(ZoneOffset.UTC));
    }
}
