package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionFollowUp;
import fr.facteur.process.EmissionContract;
import fr.facteur.process.ProcessVariables;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReadChorusStatus} "Lire le statut sur Chorus Pro": {@link EmissionFollowUp#readStatus};
 * {@code PAID}, {@code SUSPENDED} (with the motif, and when), {@code REJECTED} (with what the
 * correction form says), {@code SILENT} or {@code WAITING}.
 */
@Component
public class ReadChorusStatusDelegate implements JavaDelegate {

    private final EmissionFollowUp followUp;

    public ReadChorusStatusDelegate(EmissionFollowUp followUp) {
        this.followUp = followUp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EmissionFollowUp.StatusResult result = followUp.readStatus(ProcessVariables.invoiceId(execution));
        EmissionContract.CHORUS_STATUS.set(execution, result.chorusStatus());
        switch (result.follow()) {
            case SUSPENDED -> {
                EmissionContract.SUSPENSION_MOTIF.set(execution, result.suspensionMotif());
                EmissionContract.SUSPENDED_AT.set(execution, OffsetDateTime.now().toString());
            }
            case REJECTED -> EmissionContract.CORRECTION_REASONS.set(execution, result.correctionReasons());
            default -> { }
        }
        EmissionContract.FOLLOW_OUTCOME.set(execution, switch (result.follow()) {
            case PAID -> EmissionContract.PAID;
            case SUSPENDED -> EmissionContract.SUSPENDED;
            case REJECTED -> EmissionContract.REJECTED;
            case WAITING -> EmissionContract.WAITING;
            case SILENT -> EmissionContract.SILENT;
        });
    }
}
