package fr.facteur.capture;

import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceService;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A received invoice's status sent to Chorus Pro (service fait, suspendue with its motif, rejetée,
 * mandatée with its number, mise en paiement): sent unless Chorus Pro already shows it, mirrored on
 * the invoice, and every attempt — sent, already there, refused, failed — written in its audit trail.
 */
@Service
public class ChorusStatusPush {

    private static final String ACTOR = "Facteur → Chorus Pro";

    private final ChorusReception chorus;
    private final InvoiceService invoices;
    private final InvoiceAudit audit;

    public ChorusStatusPush(ChorusReception chorus, InvoiceService invoices, InvoiceAudit audit) {
        this.chorus = chorus;
        this.invoices = invoices;
        this.audit = audit;
    }

    /**
     * @throws ChorusFunctionalException Chorus Pro refuses the status (for a person to resolve)
     * @throws RuntimeException          a transport failure, to be tried again (the attempt stays in the trail)
     */
    public ChorusReception.PushOutcome push(long invoiceId, String target, String motif, String mandateNumber) {
        Invoice invoice = invoices.get(invoiceId);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("idFacture", invoice.chorusId());
        call.put("targetStatus", target);
        call.put("motif", motif);
        call.put("mandateNumber", mandateNumber);
        try {
            ChorusReception.PushOutcome outcome = chorus.pushStatus(invoice.chorusId(), target, motif, mandateNumber);
            call.put("outcome", outcome.name());
            audit.record(invoiceId, ACTOR, AuditAction.CHORUS_CALL, outcome == ChorusReception.PushOutcome.PUSHED
                    ? "Statut " + target + " transmis à Chorus Pro"
                    : "Statut " + target + " déjà affiché par Chorus Pro : rien n'est renvoyé", call);
            invoices.recordChorusStatus(invoiceId, target, OffsetDateTime.now());
            return outcome;
        } catch (ChorusFunctionalException refusal) {
            call.put("outcome", "REFUSED");
            call.put("codeRetour", refusal.codeRetour());
            call.put("libelle", refusal.libelle());
            audit.record(invoiceId, ACTOR, AuditAction.CHORUS_CALL, "Statut " + target + " refusé par Chorus Pro (code "
                    + refusal.codeRetour() + (refusal.libelle() == null ? "" : " : " + refusal.libelle()) + ")", call);
            throw refusal;
        } catch (RuntimeException failure) {
            // the step rolls back and the engine retries it: the attempt is kept in the trail anyway
            call.put("outcome", "FAILED");
            call.put("error", failure.getClass().getSimpleName());
            audit.recordRegardless(invoiceId, ACTOR, AuditAction.CHORUS_CALL, "Transmission du statut " + target
                    + " à Chorus Pro : échec, nouvel essai par le moteur (" + failure.getClass().getSimpleName() + ")", call);
            throw failure;
        }
    }
}
