package fr.facteur.workflow.reception;

import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceChecks;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceService;
import java.util.ArrayList;
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
    private final InvoiceExtractions extractions;

    public CheckInvoiceDelegate(InvoiceService invoices, InvoiceExtractions extractions) {
        this.invoices = invoices;
        this.extractions = extractions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        List<String> problems = new ArrayList<>(InvoiceChecks.problems(invoices.get(invoiceId)));
        // a Chorus Pro invoice: what its PIVOT file says differently from Chorus Pro's data
        extractions.find(invoiceId).filter(reading -> reading.source().equals("PIVOT"))
                .ifPresent(reading -> problems.addAll(reading.warnings()));
        ReceptionContract.CHECKS_PASSED.set(execution, problems.isEmpty());
        ReceptionContract.CHECK_PROBLEMS.set(execution, problems.isEmpty() ? "Aucun problème détecté" : "• " + String.join("\n• ", problems));
    }
}
