package fr.facteur.workflow.releve;

import fr.facteur.capture.ChorusHistorySync;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReadChorusHistories} "Lire l'historique Chorus Pro des factures modifiées": Chorus Pro's own
 * history of each invoice whose status the relève saw change (an invoice Chorus Pro does not answer for
 * now is read at the next relève).
 */
@Component
public class ReadChorusHistoriesDelegate implements JavaDelegate {

    private final ChorusHistorySync histories;

    public ReadChorusHistoriesDelegate(ChorusHistorySync histories) {
        this.histories = histories;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ChorusHistorySync.Outcome outcome = histories.syncDue();
        execution.setVariable("historiesRead", outcome.read());
    }
}
