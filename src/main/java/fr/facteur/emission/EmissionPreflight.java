package fr.facteur.emission;

import fr.facteur.chorus.ChorusEmission;
import fr.facteur.chorus.ChorusEmission.OutgoingInvoice;
import fr.facteur.chorus.ChorusEmission.Recipient;
import fr.facteur.chorus.ChorusEmission.RecipientService;
import fr.facteur.chorus.ChorusEmission.SupplierNumber;
import fr.facteur.identifiers.Siret;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceChecks;
import fr.facteur.invoice.InvoiceService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * "Contrôler avant dépôt": everything Chorus Pro would refuse that can be known before depositing,
 * in plain French — the number (format, never used on Chorus Pro nor in an earlier attempt), dates,
 * amounts, our right to deposit for the supplier, the recipient found and active, its requirements
 * (service code, engagement) and the service active — and, when all is well, the file to deposit,
 * built here once for the deposit that follows and checked by Mustang's validator (PDF/A-3, EN 16931,
 * French CIUS): its failed rules are problems too.
 */
@Service
public class EmissionPreflight {

    /** What Chorus accepts as an invoice number: 20 characters among letters, digits and - _ / +. */
    private static final String NUMBER_PATTERN = "[A-Za-z0-9_/+\\-]{1,20}";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The answer: the problems (none: the deposit may go) and the recipient's rules, in French, when looked up. */
    public record Result(List<String> problems, String recipientRequirements) {

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final InvoiceService invoices;
    private final ChorusEmission chorus;
    private final EmissionAttempts attempts;
    private final DepositFiles files;
    private final EmissionProperties properties;
    private final InvoiceAudit audit;

    public EmissionPreflight(InvoiceService invoices, ChorusEmission chorus, EmissionAttempts attempts,
                             DepositFiles files, EmissionProperties properties, InvoiceAudit audit) {
        this.invoices = invoices;
        this.chorus = chorus;
        this.attempts = attempts;
        this.files = files;
        this.properties = properties;
        this.audit = audit;
    }

    /** Checks the invoice as confirmed and prepares its deposit file; problems are written to its audit trail. */
    public Result check(long invoiceId, String actor) {
        Invoice invoice = invoices.get(invoiceId);
        OutgoingInvoice outgoing = OutgoingInvoices.of(invoice);
        List<String> problems = new ArrayList<>(attempts.numberProblems(invoiceId, outgoing.supplierSiret(),
                outgoing.invoiceNumber()));
        Result onChorus = rules(outgoing);
        problems.addAll(onChorus.problems());
        if (problems.isEmpty()) {
            try {
                files.prepare(invoiceId, properties.depositMode());
            } catch (DepositFileRefused e) {
                problems.addAll(e.reasons());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            audit.record(invoiceId, actor, AuditAction.CHORUS_CALL, "Contrôles avant dépôt : " + problems.size()
                    + " problème(s) — " + String.join(" ; ", problems), Map.of("problems", problems));
        }
        return new Result(List.copyOf(problems), onChorus.recipientRequirements());
    }

    /** The rules of Chorus Pro alone, for an invoice as it would be sent (no record needed). */
    public Result rules(OutgoingInvoice invoice) {
        List<String> problems = new ArrayList<>();
        boolean numberWellFormed = number(invoice, problems);
        dates(invoice, problems);
        amounts(invoice, problems);
        if (invoice.supplierSiret() == null || invoice.supplierSiret().isBlank()) {
            problems.add("Le SIRET du fournisseur (émetteur) est obligatoire.");
        } else {
            SupplierNumber supplier = chorus.supplierNumber(invoice.supplierSiret(),
                    numberWellFormed ? invoice.invoiceNumber() : null);
            if (supplier == SupplierNumber.NOT_OUR_SUPPLIER) {
                problems.add("Le fournisseur " + invoice.supplierSiret() + " n'est pas une structure pour laquelle "
                        + "notre compte Chorus Pro peut déposer des factures.");
            } else if (supplier == SupplierNumber.USED) {
                problems.add("Le numéro de facture " + invoice.invoiceNumber() + " a déjà été utilisé sur Chorus Pro "
                        + "par ce fournisseur : une facture rejetée ou déjà émise ne peut pas être renvoyée sous le "
                        + "même numéro.");
            }
        }
        Recipient recipient = null;
        if (invoice.buyerSiret() == null || invoice.buyerSiret().isBlank()) {
            problems.add("Le SIRET du destinataire est obligatoire.");
        } else if (!Siret.isValidSiret(invoice.buyerSiret())) {
            problems.add("Le SIRET du destinataire « " + invoice.buyerSiret() + " » n'est pas valide (14 chiffres, "
                    + "clé de Luhn).");
        } else {
            recipient = chorus.recipient(invoice.buyerSiret());
            requirements(invoice, recipient, problems);
        }
        return new Result(List.copyOf(problems), recipient == null ? null : recipient.describe());
    }

    private static boolean number(OutgoingInvoice invoice, List<String> problems) {
        if (invoice.invoiceNumber() == null || invoice.invoiceNumber().isBlank()) {
            problems.add("Le numéro de facture est obligatoire.");
            return false;
        }
        if (!invoice.invoiceNumber().matches(NUMBER_PATTERN)) {
            problems.add("Le numéro de facture « " + invoice.invoiceNumber() + " » doit faire au plus 20 caractères "
                    + "parmi lettres, chiffres et - _ / + (exigence de Chorus Pro).");
            return false;
        }
        return true;
    }

    private static void dates(OutgoingInvoice invoice, List<String> problems) {
        if (invoice.issueDate() == null) {
            problems.add("La date de facture est obligatoire.");
        } else if (invoice.issueDate().isAfter(LocalDate.now(PARIS))) {
            problems.add("La date de facture " + invoice.issueDate() + " est dans le futur.");
        }
        if (invoice.dueDate() != null && invoice.issueDate() != null && invoice.dueDate().isBefore(invoice.issueDate())) {
            problems.add("La date d'échéance précède la date de facture.");
        }
    }

    private static void amounts(OutgoingInvoice invoice, List<String> problems) {
        if (invoice.totalHt() == null || invoice.totalTva() == null || invoice.totalTtc() == null) {
            problems.add("Les montants HT, TVA et TTC sont obligatoires.");
        } else if (!InvoiceChecks.amountsAddUp(invoice.totalHt(), invoice.totalTva(), invoice.totalTtc())) {
            problems.add("Montants incohérents : HT " + invoice.totalHt() + " + TVA " + invoice.totalTva() + " ≠ TTC "
                    + invoice.totalTtc() + ".");
        }
        if (invoice.currency() == null || !invoice.currency().matches("[A-Z]{3}")) {
            problems.add("La devise doit être un code ISO de 3 lettres (EUR).");
        }
    }

    private void requirements(OutgoingInvoice invoice, Recipient recipient, List<String> problems) {
        if (!recipient.found()) {
            problems.add("Le destinataire " + invoice.buyerSiret() + " n'est pas une structure connue de Chorus Pro.");
            return;
        }
        if (!recipient.active()) {
            problems.add("Le destinataire " + recipient.name() + " n'est plus actif sur Chorus Pro.");
        }
        boolean hasService = invoice.serviceCode() != null && !invoice.serviceCode().isBlank();
        boolean hasEngagement = invoice.purchaseOrderReference() != null && !invoice.purchaseOrderReference().isBlank();
        if (hasService) {
            boolean active = recipient.services().stream().anyMatch(s -> s.code().equals(invoice.serviceCode()));
            if (recipient.inactiveServices().contains(invoice.serviceCode())) {
                problems.add("Le service « " + invoice.serviceCode() + " » de " + recipient.name() + " est inactif.");
            } else if (!active) {
                problems.add("Le code service « " + invoice.serviceCode() + " » n'existe pas chez " + recipient.name()
                        + activeServices(recipient) + ".");
            }
        } else if (recipient.serviceRequired()) {
            problems.add(recipient.name() + " exige un code service sur ses factures" + activeServices(recipient) + ".");
        }
        if (recipient.engagementRequired() && !hasEngagement) {
            problems.add(recipient.name() + " exige un numéro d'engagement juridique (bon de commande).");
        } else if (recipient.engagementRequired()
                && chorus.engagementExists(recipient, invoice.purchaseOrderReference()).filter(exists -> !exists).isPresent()) {
            problems.add("L'engagement juridique « " + invoice.purchaseOrderReference().strip() + " » n'existe pas chez "
                    + recipient.name() + " sur Chorus Pro (ou n'est pas à l'état commandé) : vérifiez le bon de commande.");
        }
        if (recipient.engagementOrService() && !hasService && !hasEngagement) {
            problems.add(recipient.name() + " exige un code service ou un numéro d'engagement juridique.");
        }
    }

    private static String activeServices(Recipient recipient) {
        return recipient.services().isEmpty() ? "" : " (services actifs : " + String.join(", ",
                recipient.services().stream().map(RecipientService::code).toList()) + ")";
    }
}
