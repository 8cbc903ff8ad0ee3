package fr.facteur.workflow.reception;

import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.capture.ChorusReleveService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FetchAddedAttachments} "Récupérer les pièces ajoutées": after the supplier completed
 * a disputed invoice on Chorus Pro, the files it added are grouped with the invoice before it goes
 * back to validation (asynchronous, retried, then an incident).
 */
@Component
public class FetchAddedAttachmentsDelegate implements JavaDelegate {

    private final ChorusReleveService releve;

    public FetchAddedAttachmentsDelegate(ChorusReleveService releve) {
        this.releve = releve;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReceptionContract.ATTACHMENTS_ADDED.set(execution, releve.fetchAttachments(ProcessVariables.invoiceId(execution)));
    }
}
