package fr.facteur.workflow.emission;

import fr.facteur.process.ProcessVariables;
import fr.facteur.chorus.ChorusStatus;
import fr.facteur.process.EmissionContract;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.invoice.ChorusStatusChange;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReadChorusStatus} "Lire le statut sur Chorus Pro": mirrors the status of the sent
 * invoice on its record (with history) and says what follows: {@code PAID} (MISE_EN_PAIEMENT),
 * {@code SUSPENDED} (the recipient waits for a document), {@code REJECTED} (a new invoice with a new
 * number is needed), {@code SILENT} (no change for {@code facteur.emission.silence-limit}),
 * else {@code WAITING}: A_RECYCLER puts the invoice in "À recycler sur Chorus Pro" (recycling is done
 * on the portal) until another status shows; the other statuses are mirrored and followed.
 */
@Component
public class ReadChorusStatusDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final ChorusEmission chorus;
    private final EmissionProperties properties;

    public ReadChorusStatusDelegate(InvoiceService invoices, ChorusEmission chorus, EmissionProperties properties) {
        this.invoices = invoices;
        this.chorus = chorus;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.get(invoiceId);
        if (invoice.chorusId() == null) {
            throw new IllegalStateException("Invoice " + invoiceId + " has no Chorus Pro id to follow");
        }
        ChorusEmission.EmittedStatus status = chorus.status(invoice.chorusId());
        invoices.recordChorusStatus(invoiceId, status.status(), status.since());
        EmissionContract.CHORUS_STATUS.set(execution, status.status());
        ChorusStatus known = ChorusStatus.of(status.status()).orElse(null);
        String outcome = known == null ? stillWaiting(invoiceId, invoice, status) : switch (known) {
            case MISE_EN_PAIEMENT -> EmissionContract.PAID;
            case SUSPENDUE -> {
                invoices.changeStatus(invoiceId, InvoiceStatus.TO_COMPLETE, InvoiceService.CHORUS_ACTOR, status.comment());
                EmissionContract.SUSPENSION_MOTIF.set(execution, status.comment());
                EmissionContract.SUSPENDED_AT.set(execution, OffsetDateTime.now().toString());
                yield EmissionContract.SUSPENDED;
            }
            case REJETEE -> {
                invoices.changeStatus(invoiceId, InvoiceStatus.TO_CORRECT, InvoiceService.CHORUS_ACTOR, status.comment());
                EmissionContract.CORRECTION_REASONS.set(execution, "Facture " + invoice.index().invoiceNumber()
                        + " rejetée par le destinataire" + (status.comment() == null ? "" : " : " + status.comment())
                        + "\nUn rejet est définitif : émettez une nouvelle facture, sous un nouveau numéro.");
                yield EmissionContract.REJECTED;
            }
            case A_RECYCLER -> {
                // wrong routing data (recipient, service, engagement): the supplier recycles it on the portal
                invoices.changeStatus(invoiceId, InvoiceStatus.TO_RECYCLE, InvoiceService.CHORUS_ACTOR, status.comment());
                yield EmissionContract.WAITING;
            }
            default -> stillWaiting(invoiceId, invoice, status);
        };
        EmissionContract.FOLLOW_OUTCOME.set(execution, outcome);
    }

    /** Any other status (or one we do not know): back on the way after a recycling, or silent too long. */
    private String stillWaiting(long invoiceId, Invoice invoice, ChorusEmission.EmittedStatus status) {
        if (invoice.status() == InvoiceStatus.TO_RECYCLE) {
            invoices.changeStatus(invoiceId, InvoiceStatus.SENT, InvoiceService.CHORUS_ACTOR, status.status());
        }
        return silent(invoiceId, invoice) ? EmissionContract.SILENT : EmissionContract.WAITING;
    }

    /** True when the status has not changed (as Facteur saw it) for longer than the silence limit. */
    private boolean silent(long invoiceId, Invoice invoice) {
        List<ChorusStatusChange> history = invoices.chorusHistory(invoiceId);
        OffsetDateTime lastChange = history.isEmpty() ? invoice.updatedAt() : history.get(history.size() - 1).seenAt();
        return lastChange.plus(properties.silenceLimit()).isBefore(OffsetDateTime.now());
    }
}
