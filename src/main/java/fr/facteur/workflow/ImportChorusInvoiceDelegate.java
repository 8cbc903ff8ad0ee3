package fr.facteur.workflow;

import fr.facteur.capture.ChorusReleveService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ImportChorusInvoice} "Importer la facture": one invoice, exactly once. */
@Component
public class ImportChorusInvoiceDelegate implements JavaDelegate {

    private final ChorusReleveService releve;

    public ImportChorusInvoiceDelegate(ChorusReleveService releve) {
        this.releve = releve;
    }

    @Override
    public void execute(DelegateExecution execution) {
        releve.importInvoice(ProcessVariables.longValue(execution, "idFacture"));
    }
}
