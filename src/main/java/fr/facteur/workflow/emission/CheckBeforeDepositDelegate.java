package fr.facteur.workflow.emission;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.EmissionContract;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Emissions;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckBeforeDeposit} "Contrôler avant dépôt": everything Chorus Pro would refuse that
 * can be known now — recipient found and active, its requirements (service code, engagement), the
 * service active, the number never used (on Chorus Pro or in an earlier attempt), amounts and
 * dates, and a file that can be deposited. The reasons go back to the confirmation form.
 */
@Component
public class CheckBeforeDepositDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final ChorusEmission chorus;
    private final Emissions emissions;
    private final EmissionProperties properties;
    private final InvoiceAudit audit;

    public CheckBeforeDepositDelegate(InvoiceService invoices, ChorusEmission chorus, Emissions emissions,
                                      EmissionProperties properties, InvoiceAudit audit) {
        this.invoices = invoices;
        this.chorus = chorus;
        this.emissions = emissions;
        this.properties = properties;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.get(invoiceId);
        List<String> problems = new ArrayList<>(emissions.numberProblems(invoiceId, invoice.index().supplierSiret(),
                invoice.index().invoiceNumber()));
        ChorusEmission.Preflight preflight = chorus.preflight(OutgoingInvoices.of(invoice));
        problems.addAll(preflight.problems());
        // the SIRET may have been entered on the form since the first look-up: show this recipient's rules
        preflight.recipient().ifPresent(recipient ->
                EmissionContract.RECIPIENT_REQUIREMENTS.set(execution, recipient.describe()));
        if (problems.isEmpty()) {
            try {
                emissions.depositFile(invoiceId, properties.depositMode());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        EmissionContract.PREFLIGHT_PASSED.set(execution, problems.isEmpty());
        EmissionContract.PREFLIGHT_PROBLEMS.set(execution, problems.isEmpty() ? null
                : "• " + String.join("\n• ", problems));
        if (!problems.isEmpty()) {
            audit.record(invoiceId, Actors.SYSTEM, AuditAction.CHORUS_CALL, "Contrôles avant dépôt : "
                    + problems.size() + " problème(s) — " + String.join(" ; ", problems), Map.of("problems", problems));
        }
    }
}
