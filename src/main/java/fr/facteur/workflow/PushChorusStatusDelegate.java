package fr.facteur.workflow;

import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import java.time.OffsetDateTime;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PushChorusStatus} "Transmettre le statut à Chorus Pro": sends {@code targetStatus}
 * (with {@code motif} or {@code mandateNumber} when the status needs one) unless Chorus Pro already
 * shows it, and mirrors it on the invoice. A refusal by Chorus Pro is the BPMN error
 * {@code CHORUS_REFUSAL}, for a person to resolve; transport failures are retried by the engine.
 */
@Component
public class PushChorusStatusDelegate implements JavaDelegate {

    /** Error code of a functional refusal by Chorus Pro. */
    public static final String CHORUS_REFUSAL = "CHORUS_REFUSAL";

    private final ChorusReception chorus;
    private final InvoiceService invoices;

    public PushChorusStatusDelegate(ChorusReception chorus, InvoiceService invoices) {
        this.chorus = chorus;
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.get(ProcessVariables.invoiceId(execution));
        String target = (String) execution.getVariable("targetStatus");
        try {
            ChorusReception.PushOutcome outcome = chorus.pushStatus(invoice.chorusId(), target,
                    (String) execution.getVariable(ProcessVariables.MOTIF), (String) execution.getVariable("mandateNumber"));
            invoices.recordChorusStatus(invoice.id(), target, OffsetDateTime.now());
            execution.setVariable("chorusPushOutcome", outcome.name());
        } catch (ChorusFunctionalException refusal) {
            execution.setVariables(Map.of(
                    "refusalCode", refusal.codeRetour(),
                    "refusalMessage", refusal.libelle() == null ? "" : refusal.libelle()));
            throw new BpmnError(CHORUS_REFUSAL, refusal.getMessage());
        }
    }
}
