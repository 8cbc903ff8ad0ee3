package fr.facteur.workflow.reception;

import fr.facteur.process.ProcessVariables;
import fr.facteur.capture.ChorusReleveService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FetchChorusDocument} "Récupérer la facture sur Chorus Pro": the invoice's PDF and
 * full index data, once; a failure is retried, then an incident on this invoice's process.
 */
@Component
public class FetchChorusDocumentDelegate implements JavaDelegate {

    private final ChorusReleveService releve;

    public FetchChorusDocumentDelegate(ChorusReleveService releve) {
        this.releve = releve;
    }

    @Override
    public void execute(DelegateExecution execution) {
        releve.fetchDocument(ProcessVariables.invoiceId(execution));
    }
}
