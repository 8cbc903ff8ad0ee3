package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.chorus.ChorusStatus;
import fr.facteur.process.ReceptionContract;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_AdoptChorusStatus} "Reprendre le statut Chorus Pro": an invoice already handled
 * elsewhere (go-live, or a status set on the portal) keeps the status Chorus Pro shows, and the
 * process enters the circuit there — no status Chorus already has is sent again.
 */
@Component
public class AdoptChorusStatusDelegate implements JavaDelegate {

    /** Chorus statuses that put a received invoice further along the circuit, and ours for them. */
    static final Map<ChorusStatus, InvoiceStatus> ALREADY_HANDLED = Map.of(
            ChorusStatus.SERVICE_FAIT, InvoiceStatus.VALIDATED,
            ChorusStatus.MANDATEE, InvoiceStatus.MANDATED,
            ChorusStatus.SUSPENDUE, InvoiceStatus.DISPUTED,
            ChorusStatus.REJETEE, InvoiceStatus.REJECTED,
            ChorusStatus.MISE_EN_PAIEMENT, InvoiceStatus.PAID);

    private final InvoiceService invoices;

    public AdoptChorusStatusDelegate(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String chorusStatus = invoices.get(ProcessVariables.invoiceId(execution)).chorusStatus();
        ReceptionContract.CHORUS_STATUS.set(execution, chorusStatus);
        InvoiceStatus status = ChorusStatus.of(chorusStatus).map(ALREADY_HANDLED::get).orElse(null);
        if (status != null) {
            invoices.changeStatus(ProcessVariables.invoiceId(execution), status, Actors.SYSTEM,
                    "Statut déjà " + chorusStatus + " sur Chorus Pro à l'arrivée");
        }
    }
}
