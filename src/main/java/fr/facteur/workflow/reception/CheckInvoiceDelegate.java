package fr.facteur.workflow.reception;

import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceChecks;
import fr.facteur.invoice.InvoiceService;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckInvoice} "Contrôler la facture": SIRET keys, HT + TVA = TTC, mandatory fields;
 * the problems are shown on the validation form ({@code checkProblems}).
 */
@Component
public class CheckInvoiceDelegate implements JavaDelegate {

    private final InvoiceService invoices;

    public CheckInvoiceDelegate(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> problems = InvoiceChecks.problems(invoices.get(ProcessVariables.invoiceId(execution)));
        ReceptionContract.CHECKS_PASSED.set(execution, problems.isEmpty());
        ReceptionContract.CHECK_PROBLEMS.set(execution, problems.isEmpty() ? "Aucun problème détecté" : "• " + String.join("\n• ", problems));
    }
}
