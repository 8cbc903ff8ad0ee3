package fr.facteur.notification;

import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.DisputeReference;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.StatusChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Tells a supplier that its invoice is in dispute, with the motif: by e-mail when the invoice came by
 * e-mail (to its sender, the reply coming back to Facteur's mailbox with the dispute's reference, see
 * {@link DisputeReference}); Chorus Pro tells its own suppliers (the status « suspendue » and its motif).
 * For an invoice uploaded or scanned Facteur has no address: the audit trail says the supplier was not
 * told by mail. Each dispute is mailed once ({@link Notifications#sendOnce}); a refused send fails the
 * step, which is retried and then becomes an incident.
 */
@Service
public class SupplierNotices {

    private static final String ACTOR = "facteur";

    private final InvoiceService invoices;
    private final InvoiceAudit audit;
    private final Notifications notifications;

    public SupplierNotices(InvoiceService invoices, InvoiceAudit audit, Notifications notifications) {
        this.invoices = invoices;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** What became of the notice. */
    public enum Outcome {
        /** mailed to the supplier */
        MAILED,
        /** mailed before (a retried step, another node) */
        ALREADY_MAILED,
        /** a Chorus Pro invoice: Chorus Pro tells its supplier */
        BY_CHORUS_PRO,
        /** no address to write to (uploaded, scanned), or no SMTP server: recorded in the audit trail */
        NOT_MAILED
    }

    public Outcome notifyDispute(long invoiceId, String motif) {
        Invoice invoice = invoices.get(invoiceId);
        if (invoice.channel() == Channel.CHORUS) {
            return Outcome.BY_CHORUS_PRO;
        }
        List<StatusChange> history = invoices.history(invoiceId);
        Optional<String> address = invoices.mailSender(invoiceId);
        if (address.isEmpty()) {
            audit.record(invoiceId, ACTOR, AuditAction.SUPPLIER_NOTIFIED, "Fournisseur non prévenu par e-mail : facture "
                    + "reçue par le canal " + invoice.channel() + ", sans adresse connue ; à prévenir par un autre moyen",
                    Map.of("motif", String.valueOf(motif)));
            return Outcome.NOT_MAILED;
        }
        long disputes = history.stream().filter(change -> change.to() == InvoiceStatus.DISPUTED).count();
        String number = invoice.index().invoiceNumber() == null ? "n° " + invoice.id() : invoice.index().invoiceNumber();
        String subject = "Facture " + number + " : en litige " + DisputeReference.of(invoice);
        String body = "Bonjour,\n\n"
                + "Votre facture " + number + (invoice.index().totalTtc() == null ? ""
                        : " (" + invoice.index().totalTtc().toPlainString() + " " + currency(invoice) + " TTC)")
                + " est mise en litige pour le motif suivant :\n\n    " + motif + "\n\n"
                + "Répondez à ce message en joignant les pièces demandées (PDF ou image), sans changer son objet : "
                + "elles seront rangées avec la facture, qui reprendra son circuit de validation. Le délai global de "
                + "paiement est suspendu jusqu'à votre réponse.\n\n— Facteur, pour le service destinataire\n";
        Notifications.Outcome sent = notifications.sendOnce("dispute:" + invoiceId + ":" + disputes,
                List.of(address.get()), subject, body);
        return switch (sent) {
            case SENT -> {
                audit.record(invoiceId, ACTOR, AuditAction.SUPPLIER_NOTIFIED, "Fournisseur prévenu du litige par e-mail ("
                        + address.get() + ")", Map.of("to", address.get(), "subject", subject, "motif", String.valueOf(motif)));
                yield Outcome.MAILED;
            }
            case ALREADY_SENT -> Outcome.ALREADY_MAILED;
            case NOT_CONFIGURED -> {
                audit.record(invoiceId, ACTOR, AuditAction.SUPPLIER_NOTIFIED, "Fournisseur non prévenu par e-mail : aucun "
                        + "serveur d'envoi configuré (spring.mail.host)", Map.of("to", address.get()));
                yield Outcome.NOT_MAILED;
            }
        };
    }

    private static String currency(Invoice invoice) {
        return invoice.index().currency() == null || invoice.index().currency().equals("EUR") ? "€" : invoice.index().currency();
    }
}
