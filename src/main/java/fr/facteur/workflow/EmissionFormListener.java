package fr.facteur.workflow;

import fr.facteur.process.EmissionContract;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating {@code Task_ConfirmEmission}, {@code Task_CorrectEmission} or
 * {@code Task_CompleteSuspended}: the form is prefilled as for reception (the invoice record as it
 * stands, the link to its document), and the previous round's choice to abandon is cleared.
 */
@Component
public class EmissionFormListener implements TaskListener {

    private final InvoiceFormListener prefill;

    public EmissionFormListener(InvoiceFormListener prefill) {
        this.prefill = prefill;
    }

    @Override
    public void notify(DelegateTask task) {
        prefill.notify(task);
        EmissionContract.ABANDON.set(task.getExecution(), false);
    }
}
