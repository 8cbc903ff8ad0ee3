package fr.facteur.workflow.reception;

import fr.facteur.process.FormFields;
import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SaveIndexing} "Enregistrer l'indexation": writes the fields a person completed in
 * "Compléter l'indexation" to the invoice record (they win over what was extracted).
 */
@Component
public class SaveIndexingDelegate implements JavaDelegate {

    static final List<String> FORM_FIELDS = List.of("supplierName", "supplierSiret", "supplierVatNumber", "buyerName",
            "buyerSiret", "invoiceNumber", "issueDate", "dueDate", "currency", "totalHt", "totalTva", "totalTtc",
            "purchaseOrderReference");

    private final InvoiceService invoices;
    private final IdentityService identityService;

    public SaveIndexingDelegate(InvoiceService invoices, IdentityService identityService) {
        this.invoices = invoices;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        InvoiceIndex known = invoices.get(invoiceId).index();
        InvoiceIndex entered = FormFields.index(execution, known, false);
        // runs right after "Compléter l'indexation" is completed: each correction names who made it
        invoices.updateIndex(invoiceId, entered, Actors.current(identityService));
        execution.setVariable(ProcessVariables.INDEXING_COMPLETE, true);
    }
}
