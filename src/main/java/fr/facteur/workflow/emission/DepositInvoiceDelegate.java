package fr.facteur.workflow.emission;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.EmissionContract;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.invoice.Emissions;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DepositInvoice} "Déposer la facture sur Chorus Pro": deposits the structured file as
 * a flux ({@code FLUX}: report to follow) or the PDF with the confirmed data ({@code SUBMITTED}:
 * the invoice id is known at once, or {@code REFUSED} with Chorus's reason). Never twice under one
 * number: the attempt is recorded in a transaction of its own as soon as Chorus answers, so a step
 * retried after a later failure finds it and goes on from it; if Chorus already has this number
 * from this supplier (a previous try whose answer was lost), that invoice is adopted.
 */
@Component
public class DepositInvoiceDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(DepositInvoiceDelegate.class);

    private final InvoiceService invoices;
    private final Emissions emissions;
    private final ChorusEmission chorus;
    private final EmissionProperties properties;

    public DepositInvoiceDelegate(InvoiceService invoices, Emissions emissions, ChorusEmission chorus,
                                  EmissionProperties properties) {
        this.invoices = invoices;
        this.emissions = emissions;
        this.chorus = chorus;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.get(invoiceId);
        Emissions.Mode mode = properties.depositMode();
        Optional<Emissions.Attempt> earlier = emissions.attemptUnderNumber(invoiceId, invoice.index().invoiceNumber());
        if (earlier.isPresent()) {
            log.warn("Invoice {}: number {} already went to Chorus Pro in attempt {} ({}): not deposited again",
                    invoiceId, invoice.index().invoiceNumber(), earlier.get().id(), earlier.get().state());
            goOnFrom(earlier.get(), execution);
            return;
        }
        Optional<Long> already = chorus.invoiceByNumber(invoice.index().supplierSiret(), invoice.index().invoiceNumber());
        if (already.isPresent()) {
            log.warn("Invoice {}: Chorus Pro already has number {} (id {}): adopted, not deposited again", invoiceId,
                    invoice.index().invoiceNumber(), already.get());
            emissions.recordDeposit(invoiceId, mode, new Emissions.DepositFile(null, null, null, false,
                    "facture déjà présente sur Chorus Pro sous ce numéro, reprise sans nouveau dépôt"), null,
                    already.get(), Actors.SYSTEM);
            EmissionContract.DEPOSIT_OUTCOME.set(execution, EmissionContract.SUBMITTED);
            return;
        }
        Emissions.DepositFile file = emissions.depositFile(invoiceId, mode);
        if (mode == Emissions.Mode.FLUX) {
            String flux = chorus.depositFlux(file.content(), file.filename(), file.syntax());
            emissions.recordDeposit(invoiceId, mode, file, flux, null, Actors.SYSTEM);
            EmissionContract.DEPOSIT_OUTCOME.set(execution, EmissionContract.FLUX);
            return;
        }
        try {
            long chorusId = chorus.submitPdf(OutgoingInvoices.of(invoice), file.content(), file.filename());
            emissions.recordDeposit(invoiceId, mode, file, null, chorusId, Actors.SYSTEM);
            EmissionContract.DEPOSIT_OUTCOME.set(execution, EmissionContract.SUBMITTED);
        } catch (ChorusFunctionalException e) {
            List<String> reasons = List.of(e.libelle() == null ? "Refus de Chorus Pro (code " + e.codeRetour() + ")"
                    : e.libelle());
            emissions.recordRefusal(invoiceId, mode, reasons, Actors.SYSTEM);
            refused(reasons, execution);
        }
    }

    /** Where an attempt already made under this number leads (its answer was recorded, not the step). */
    private static void goOnFrom(Emissions.Attempt attempt, DelegateExecution execution) {
        switch (attempt.state()) {
            case DEPOSITED -> EmissionContract.DEPOSIT_OUTCOME.set(execution, EmissionContract.FLUX);
            case INTEGRATED -> EmissionContract.DEPOSIT_OUTCOME.set(execution, EmissionContract.SUBMITTED);
            case REFUSED -> refused(attempt.errors() == null ? List.of("Refus de Chorus Pro")
                    : List.of(attempt.errors().split("\n")), execution);
            case REJECTED -> throw new IllegalStateException("Number " + attempt.invoiceNumber()
                    + " was rejected by Chorus Pro (attempt " + attempt.id() + ") and cannot be deposited again");
        }
    }

    private static void refused(List<String> reasons, DelegateExecution execution) {
        EmissionContract.DEPOSIT_OUTCOME.set(execution, EmissionContract.REFUSED);
        EmissionContract.CORRECTION_REASONS.set(execution, "Dépôt refusé par Chorus Pro :\n• "
                + String.join("\n• ", reasons));
    }
}
