package fr.facteur.workflow.emission;

import fr.facteur.process.FormFields;
import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SaveConfirmation} "Enregistrer la facture confirmée": the fields the person confirmed
 * (or corrected) become the invoice record — the truth for the deposit and the GED filing.
 */
@Component
public class SaveConfirmationDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final IdentityService identityService;

    public SaveConfirmationDelegate(InvoiceService invoices, IdentityService identityService) {
        this.invoices = invoices;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        InvoiceIndex confirmed = FormFields.index(execution, invoices.get(invoiceId).index(), true);
        // runs right after the task is completed: the confirmation names who made it
        invoices.confirmEmission(invoiceId, confirmed, Actors.current(identityService));
    }
}
