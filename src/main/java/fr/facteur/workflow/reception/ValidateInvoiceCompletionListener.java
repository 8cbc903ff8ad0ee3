package fr.facteur.workflow.reception;

import fr.facteur.process.Decision;
import fr.facteur.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete {@code Task_ValidateInvoice} without a valid decision, or without a motif
 * when the decision needs one; the completion is rolled back and the message shown to the user
 * (engine REST answers 400 with it, as for a field that fails its form's validation).
 */
@Component
public class ValidateInvoiceCompletionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object value = task.getVariable(ProcessVariables.DECISION);
        Decision decision = Decision.parse(value).orElseThrow(() -> new FormFieldValidationException(
                ProcessVariables.DECISION, "Décision invalide « " + value
                + " » : choisissez APPROVE (valider), DISPUTE (suspendre pour litige) ou REJECT (rejeter)."));
        Object motif = task.getVariable(ProcessVariables.MOTIF);
        if (decision.motifRequired() && (motif == null || motif.toString().isBlank())) {
            throw new FormFieldValidationException(ProcessVariables.MOTIF,
                    "Le motif est obligatoire pour la décision " + decision + ".");
        }
    }
}
