package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionPreflight;
import fr.facteur.process.Actors;
import fr.facteur.process.EmissionContract;
import fr.facteur.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckBeforeDeposit} "Contrôler avant dépôt": {@link EmissionPreflight#check}; the
 * problems go back to the confirmation form, with the recipient's rules (the SIRET may have been
 * entered on the form since the first look-up).
 */
@Component
public class CheckBeforeDepositDelegate implements JavaDelegate {

    private final EmissionPreflight preflight;

    public CheckBeforeDepositDelegate(EmissionPreflight preflight) {
        this.preflight = preflight;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EmissionPreflight.Result result = preflight.check(ProcessVariables.invoiceId(execution), Actors.SYSTEM);
        if (result.recipientRequirements() != null) {
            EmissionContract.RECIPIENT_REQUIREMENTS.set(execution, result.recipientRequirements());
        }
        EmissionContract.PREFLIGHT_PASSED.set(execution, result.passed());
        EmissionContract.PREFLIGHT_PROBLEMS.set(execution, result.passed() ? null
                : "• " + String.join("\n• ", result.problems()));
    }
}
