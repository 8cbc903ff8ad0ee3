package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SaveMandate} "Enregistrer le mandat": the mandate number on the invoice, status MANDATED. */
@Component
public class SaveMandateDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final IdentityService identityService;

    public SaveMandateDelegate(InvoiceService invoices, IdentityService identityService) {
        this.invoices = invoices;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        invoices.recordMandate(ProcessVariables.invoiceId(execution),
                (String) execution.getVariable(ProcessVariables.MANDATE_NUMBER), Actors.current(identityService));
    }
}
