package fr.facteur.workflow.statuspush;

import fr.facteur.process.StatusPushContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceService;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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

    private static final String ACTOR = "Facteur → Chorus Pro";

    private final ChorusReception chorus;
    private final InvoiceService invoices;
    private final InvoiceAudit audit;

    public PushChorusStatusDelegate(ChorusReception chorus, InvoiceService invoices, InvoiceAudit audit) {
        this.chorus = chorus;
        this.invoices = invoices;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.get(ProcessVariables.invoiceId(execution));
        String target = StatusPushContract.TARGET_STATUS.require(execution);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("idFacture", invoice.chorusId());
        call.put("targetStatus", target);
        call.put("motif", execution.getVariable(ProcessVariables.MOTIF));
        call.put("mandateNumber", StatusPushContract.MANDATE_NUMBER.get(execution));
        try {
            ChorusReception.PushOutcome outcome = chorus.pushStatus(invoice.chorusId(), target,
                    StatusPushContract.MOTIF.get(execution), StatusPushContract.MANDATE_NUMBER.get(execution));
            call.put("outcome", outcome.name());
            audit.record(invoice.id(), ACTOR, AuditAction.CHORUS_CALL, outcome == ChorusReception.PushOutcome.PUSHED
                    ? "Statut " + target + " transmis à Chorus Pro"
                    : "Statut " + target + " déjà affiché par Chorus Pro : rien n'est renvoyé", call);
            invoices.recordChorusStatus(invoice.id(), target, OffsetDateTime.now());
            StatusPushContract.PUSH_OUTCOME.set(execution, outcome.name());
        } catch (ChorusFunctionalException refusal) {
            call.put("outcome", "REFUSED");
            call.put("codeRetour", refusal.codeRetour());
            call.put("libelle", refusal.libelle());
            audit.record(invoice.id(), ACTOR, AuditAction.CHORUS_CALL, "Statut " + target + " refusé par Chorus Pro (code "
                    + refusal.codeRetour() + (refusal.libelle() == null ? "" : " : " + refusal.libelle()) + ")", call);
            execution.setVariables(Map.of(
                    "refusalCode", refusal.codeRetour(),
                    "refusalMessage", refusal.libelle() == null ? "" : refusal.libelle()));
            throw new BpmnError(CHORUS_REFUSAL, refusal.getMessage());
        } catch (RuntimeException failure) {
            // the step rolls back and the engine retries it: the attempt is kept in the trail anyway
            call.put("outcome", "FAILED");
            call.put("error", failure.getClass().getSimpleName());
            audit.recordRegardless(invoice.id(), ACTOR, AuditAction.CHORUS_CALL, "Transmission du statut " + target
                    + " à Chorus Pro : échec, nouvel essai par le moteur (" + failure.getClass().getSimpleName() + ")", call);
            throw failure;
        }
    }
}
