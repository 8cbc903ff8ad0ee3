package fr.facteur.workflow;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordDecision} "Enregistrer la décision": applies the validator's decision to the
 * invoice record, with the validator's name and motif in its history.
 */
@Component
public class RecordDecisionDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final IdentityService identityService;

    public RecordDecisionDelegate(InvoiceService invoices, IdentityService identityService) {
        this.invoices = invoices;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Decision decision = Decision.parse(execution.getVariable(ProcessVariables.DECISION)).orElseThrow();
        InvoiceStatus status = switch (decision) {
            case APPROVE -> InvoiceStatus.VALIDATED;
            case DISPUTE -> InvoiceStatus.DISPUTED;
            case REJECT -> InvoiceStatus.REJECTED;
        };
        String motif = (String) execution.getVariable(ProcessVariables.MOTIF);
        invoices.changeStatus(invoiceId, status, Actors.current(identityService), motif);
    }
}
