package fr.facteur.workflow.statuspush;

import fr.facteur.capture.ChorusStatusPush;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.StatusPushContract;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PushChorusStatus} "Transmettre le statut à Chorus Pro": {@link ChorusStatusPush#push}
 * with {@code targetStatus} (and {@code motif} or {@code mandateNumber} when the status needs one). A
 * refusal by Chorus Pro is the BPMN error {@code CHORUS_REFUSAL}, for a person to resolve; transport
 * failures are retried by the engine.
 */
@Component
public class PushChorusStatusDelegate implements JavaDelegate {

    /** Error code of a functional refusal by Chorus Pro. */
    public static final String CHORUS_REFUSAL = StatusPushContract.REFUSAL_ERROR;

    private final ChorusStatusPush push;

    public PushChorusStatusDelegate(ChorusStatusPush push) {
        this.push = push;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            StatusPushContract.PUSH_OUTCOME.set(execution, push.push(ProcessVariables.invoiceId(execution),
                    StatusPushContract.TARGET_STATUS.require(execution), StatusPushContract.MOTIF.get(execution),
                    StatusPushContract.MANDATE_NUMBER.get(execution)).name());
        } catch (ChorusFunctionalException refusal) {
            execution.setVariables(Map.of(
                    StatusPushContract.REFUSAL_CODE.name(), refusal.codeRetour(),
                    StatusPushContract.REFUSAL_MESSAGE.name(), refusal.libelle() == null ? "" : refusal.libelle()));
            throw new BpmnError(CHORUS_REFUSAL, refusal.getMessage());
        }
    }
}
