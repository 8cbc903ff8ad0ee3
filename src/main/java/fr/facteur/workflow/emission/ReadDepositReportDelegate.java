package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionFollowUp;
import fr.facteur.process.Actors;
import fr.facteur.process.EmissionContract;
import fr.facteur.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReadDepositReport} "Lire le compte rendu de dépôt":
 * {@link EmissionFollowUp#readDepositReport}; {@code INTEGRATED}, {@code REJECTED} (with the reasons
 * for the correction form) or {@code PENDING} (read again later).
 */
@Component
public class ReadDepositReportDelegate implements JavaDelegate {

    private final EmissionFollowUp followUp;

    public ReadDepositReportDelegate(EmissionFollowUp followUp) {
        this.followUp = followUp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EmissionFollowUp.ReportResult result = followUp.readDepositReport(ProcessVariables.invoiceId(execution),
                Actors.SYSTEM);
        if (result.correctionReasons() != null) {
            EmissionContract.CORRECTION_REASONS.set(execution, result.correctionReasons());
        }
        EmissionContract.DEPOSIT_REPORT.set(execution, switch (result.report()) {
            case INTEGRATED -> EmissionContract.INTEGRATED;
            case REJECTED -> EmissionContract.REJECTED;
            case PENDING -> EmissionContract.PENDING;
        });
    }
}
