package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionFollowUp;
import fr.facteur.process.Actors;
import fr.facteur.process.EmissionContract;
import fr.facteur.process.FormFields;
import fr.facteur.process.ProcessVariables;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendCompletion} "Transmettre le complément": {@link EmissionFollowUp#sendCompletion}
 * with the comment entered and every document added since the suspension.
 */
@Component
public class SendCompletionDelegate implements JavaDelegate {

    private final EmissionFollowUp followUp;

    public SendCompletionDelegate(EmissionFollowUp followUp) {
        this.followUp = followUp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String since = EmissionContract.SUSPENDED_AT.get(execution);
        followUp.sendCompletion(ProcessVariables.invoiceId(execution), since == null ? null : OffsetDateTime.parse(since),
                FormFields.text(execution, EmissionContract.COMPLETION_COMMENT.name()), Actors.SYSTEM);
    }
}
