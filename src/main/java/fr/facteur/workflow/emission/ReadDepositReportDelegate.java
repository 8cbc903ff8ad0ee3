package fr.facteur.workflow.emission;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.EmissionContract;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.invoice.Emissions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReadDepositReport} "Lire le compte rendu de dépôt" ({@code consulterCRDetaille}):
 * {@code INTEGRATED} once Chorus Pro integrated the flux (the invoice's Chorus id found by flux
 * number), {@code REJECTED} with the reasons for the correction task, {@code PENDING} while it
 * works; a flux still unprocessed after {@code facteur.emission.silence-limit} goes to correction
 * too, with that reason.
 */
@Component
public class ReadDepositReportDelegate implements JavaDelegate {

    private final Emissions emissions;
    private final ChorusEmission chorus;
    private final EmissionProperties properties;

    public ReadDepositReportDelegate(Emissions emissions, ChorusEmission chorus, EmissionProperties properties) {
        this.emissions = emissions;
        this.chorus = chorus;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Emissions.Attempt attempt = emissions.latest(invoiceId).filter(a -> a.fluxNumber() != null)
                .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceId + " has no flux to follow"));
        ChorusEmission.DepositReport report = chorus.report(attempt.fluxNumber());
        String outcome = switch (report.state()) {
            case INTEGRATED -> {
                Optional<Long> chorusId = chorus.invoiceOfFlux(attempt.fluxNumber(), attempt.invoiceNumber());
                if (chorusId.isEmpty()) {
                    yield pending(attempt, execution);
                }
                emissions.recordIntegrated(attempt.id(), chorusId.get(), Actors.SYSTEM);
                yield EmissionContract.INTEGRATED;
            }
            case REJECTED -> {
                emissions.recordRejected(attempt.id(), report.reasons(), Actors.SYSTEM);
                EmissionContract.CORRECTION_REASONS.set(execution, "Dépôt rejeté par Chorus Pro ("
                        + report.chorusState() + ") :\n• " + String.join("\n• ", report.reasons()));
                yield EmissionContract.REJECTED;
            }
            case PENDING -> pending(attempt, execution);
        };
        EmissionContract.DEPOSIT_REPORT.set(execution, outcome);
    }

    /** Still processing; past the silence limit, a person must look (the flux is given up). */
    private String pending(Emissions.Attempt attempt, DelegateExecution execution) {
        if (!attempt.depositedAt().plus(properties.silenceLimit()).isBefore(OffsetDateTime.now())) {
            return EmissionContract.PENDING;
        }
        String reason = "Chorus Pro n'a pas traité le flux " + attempt.fluxNumber() + " depuis "
                + properties.silenceLimit().toDays() + " jours : vérifiez-le sur le portail avant de redéposer la facture "
                + "sous un nouveau numéro.";
        emissions.recordRejected(attempt.id(), List.of(reason), Actors.SYSTEM);
        EmissionContract.CORRECTION_REASONS.set(execution, reason);
        return EmissionContract.REJECTED;
    }
}
