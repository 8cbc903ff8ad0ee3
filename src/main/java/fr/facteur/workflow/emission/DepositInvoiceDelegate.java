package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionDeposit;
import fr.facteur.process.Actors;
import fr.facteur.process.EmissionContract;
import fr.facteur.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DepositInvoice} "Déposer la facture sur Chorus Pro": {@link EmissionDeposit#deposit};
 * {@code FLUX} (report to follow), {@code SUBMITTED} (the invoice id is known) or {@code REFUSED}
 * with Chorus's reasons for the correction form.
 */
@Component
public class DepositInvoiceDelegate implements JavaDelegate {

    private final EmissionDeposit deposit;

    public DepositInvoiceDelegate(EmissionDeposit deposit) {
        this.deposit = deposit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EmissionDeposit.Result result = deposit.deposit(ProcessVariables.invoiceId(execution), Actors.SYSTEM);
        EmissionContract.DEPOSIT_OUTCOME.set(execution, switch (result.outcome()) {
            case FLUX -> EmissionContract.FLUX;
            case SUBMITTED -> EmissionContract.SUBMITTED;
            case REFUSED -> EmissionContract.REFUSED;
        });
        if (!result.reasons().isEmpty()) {
            EmissionContract.CORRECTION_REASONS.set(execution, "Dépôt refusé par Chorus Pro :\n• "
                    + String.join("\n• ", result.reasons()));
        }
    }
}
