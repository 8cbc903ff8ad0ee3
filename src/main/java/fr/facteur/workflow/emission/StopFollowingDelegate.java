package fr.facteur.workflow.emission;

import fr.facteur.emission.EmissionProperties;
import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StopFollowing} "Arrêter le suivi": Chorus Pro said nothing new for
 * {@code facteur.emission.silence-limit} (some recipients never report payment): the invoice shows
 * "Suivi arrêté" with its last known Chorus status, for a person to check on the portal.
 */
@Component
public class StopFollowingDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final EmissionProperties properties;

    public StopFollowingDelegate(InvoiceService invoices, EmissionProperties properties) {
        this.invoices = invoices;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        invoices.changeStatus(ProcessVariables.invoiceId(execution), InvoiceStatus.UNFOLLOWED, Actors.SYSTEM,
                "Aucun changement sur Chorus Pro depuis " + properties.silenceLimit().toDays() + " jours");
    }
}
