package fr.facteur.workflow.emission;

import fr.facteur.process.FormFields;
import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_AbandonEmission} "Abandonner l'émission": the person gave up; nothing goes to Chorus Pro. */
@Component
public class AbandonEmissionDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final IdentityService identityService;

    public AbandonEmissionDelegate(InvoiceService invoices, IdentityService identityService) {
        this.invoices = invoices;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        invoices.decide(ProcessVariables.invoiceId(execution), "ABANDON", InvoiceStatus.ABANDONED,
                Actors.current(identityService), FormFields.text(execution, ProcessVariables.MOTIF), false);
    }
}
