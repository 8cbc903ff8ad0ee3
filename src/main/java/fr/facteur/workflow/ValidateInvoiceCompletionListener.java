package fr.facteur.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete {@code Task_ValidateInvoice} without a valid decision, or without a motif
 * when the decision needs one; the completion is rolled back and the message shown to the user.
 */
@Component
public class ValidateInvoiceCompletionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object value = task.getVariable(ProcessVariables.DECISION);
        Decision decision = Decision.parse(value).orElseThrow(() -> new ProcessEngineException(
                "Décision invalide « " + value
                + " » : choisissez APPROVE (valider), DISPUTE (suspendre pour litige) ou REJECT (rejeter)."));
        Object motif = task.getVariable(ProcessVariables.MOTIF);
        if (decision.motifRequired() && (motif == null || motif.toString().isBlank())) {
            throw new ProcessEngineException("Le motif est obligatoire pour la décision " + decision + ".");
        }
    }
}
