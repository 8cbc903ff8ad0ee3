package fr.facteur.emission;

import fr.facteur.chorus.ChorusEmission;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.emission.DepositFiles.DepositFile;
import fr.facteur.emission.EmissionAttempts.Attempt;
import fr.facteur.emission.EmissionAttempts.Mode;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * "Déposer la facture sur Chorus Pro": deposits the prepared file as a flux (report to follow) or
 * the PDF with the confirmed data (the invoice id known at once, or refused with Chorus's reason).
 * Never twice under one number: the attempt is recorded in a transaction of its own as soon as
 * Chorus answers, so a step retried after a later failure finds it and goes on from it; if Chorus
 * already has this number from this supplier (a previous try whose answer was lost), that invoice
 * is adopted.
 */
@Service
public class EmissionDeposit {

    private static final Logger log = LoggerFactory.getLogger(EmissionDeposit.class);

    /** What happened: a flux to follow, an invoice on Chorus Pro, or a refusal with its reasons. */
    public enum Outcome { FLUX, SUBMITTED, REFUSED }

    public record Result(Outcome outcome, List<String> reasons) {

        static Result of(Outcome outcome) {
            return new Result(outcome, List.of());
        }
    }

    private final InvoiceService invoices;
    private final EmissionAttempts attempts;
    private final DepositFiles files;
    private final ChorusEmission chorus;
    private final EmissionProperties properties;

    public EmissionDeposit(InvoiceService invoices, EmissionAttempts attempts, DepositFiles files,
                           ChorusEmission chorus, EmissionProperties properties) {
        this.invoices = invoices;
        this.attempts = attempts;
        this.files = files;
        this.chorus = chorus;
        this.properties = properties;
    }

    public Result deposit(long invoiceId, String actor) {
        Invoice invoice = invoices.get(invoiceId);
        String number = invoice.index().invoiceNumber();
        Mode mode = properties.depositMode();
        Optional<Attempt> earlier = attempts.attemptUnderNumber(invoiceId, number);
        if (earlier.isPresent()) {
            log.warn("Invoice {}: number {} already went to Chorus Pro in attempt {} ({}): not deposited again",
                    invoiceId, number, earlier.get().id(), earlier.get().state());
            return goOnFrom(earlier.get());
        }
        Optional<Long> already = chorus.invoiceByNumber(invoice.index().supplierSiret(), number);
        if (already.isPresent()) {
            log.warn("Invoice {}: Chorus Pro already has number {} (id {}): adopted, not deposited again", invoiceId,
                    number, already.get());
            attempts.recordAdopted(invoiceId, mode, already.get(), actor);
            return Result.of(Outcome.SUBMITTED);
        }
        DepositFile file = files.prepared(invoiceId, mode);
        if (mode == Mode.FLUX) {
            String flux = chorus.depositFlux(file.content(), file.filename(), file.syntax());
            attempts.recordDeposit(invoiceId, mode, file, flux, null, actor);
            return Result.of(Outcome.FLUX);
        }
        try {
            long chorusId = chorus.submitPdf(OutgoingInvoices.of(invoice), file.content(), file.filename());
            attempts.recordDeposit(invoiceId, mode, file, null, chorusId, actor);
            return Result.of(Outcome.SUBMITTED);
        } catch (ChorusFunctionalException e) {
            List<String> reasons = List.of(e.libelle() == null ? "Refus de Chorus Pro (code " + e.codeRetour() + ")"
                    : e.libelle());
            attempts.recordRefusal(invoiceId, mode, reasons, actor);
            return new Result(Outcome.REFUSED, reasons);
        }
    }

    /** Where an attempt already made under this number leads (its answer was recorded, not the step). */
    private static Result goOnFrom(Attempt attempt) {
        return switch (attempt.state()) {
            case DEPOSITED -> Result.of(Outcome.FLUX);
            case INTEGRATED -> Result.of(Outcome.SUBMITTED);
            case REFUSED -> new Result(Outcome.REFUSED, attempt.errors() == null ? List.of("Refus de Chorus Pro")
                    : List.of(attempt.errors().split("\n")));
            case REJECTED -> throw new IllegalStateException("Number " + attempt.invoiceNumber()
                    + " was rejected by Chorus Pro (attempt " + attempt.id() + ") and cannot be deposited again");
        };
    }
}
