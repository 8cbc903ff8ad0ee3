package fr.facteur.workflow.emission;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.EmissionContract;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.identifiers.Siret;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_LookUpRecipient} "Lire les exigences du destinataire": the invoice waits for its
 * confirmation ("À vérifier avant émission") and the form shows what the recipient requires
 * (service code, engagement, active services), read on Chorus Pro.
 */
@Component
public class LookUpRecipientDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final ChorusEmission chorus;

    public LookUpRecipientDelegate(InvoiceService invoices, ChorusEmission chorus) {
        this.invoices = invoices;
        this.chorus = chorus;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.changeStatus(invoiceId, InvoiceStatus.TO_CONFIRM, Actors.SYSTEM, null);
        String buyer = invoice.index().buyerSiret();
        EmissionContract.RECIPIENT_REQUIREMENTS.set(execution, buyer == null || !Siret.isValidSiret(buyer)
                ? "SIRET du destinataire non lu ou invalide : saisissez-le, ses exigences seront vérifiées avant le dépôt."
                : chorus.recipient(buyer).describe());
    }
}
