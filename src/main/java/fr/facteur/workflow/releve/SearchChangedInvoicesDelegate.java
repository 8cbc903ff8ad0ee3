package fr.facteur.workflow.releve;

import fr.facteur.process.ReleveContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.capture.ChorusReleveService;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SearchChangedInvoices} "Rechercher les factures modifiées": reads the structure's
 * window, registers new invoices and starts their circuit, mirrors status changes; keeps the
 * window's end for the watermark.
 */
@Component
public class SearchChangedInvoicesDelegate implements JavaDelegate {

    private final ChorusReleveService releve;

    public SearchChangedInvoicesDelegate(ChorusReleveService releve) {
        this.releve = releve;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long structure = ReleveContract.STRUCTURE.require(execution);
        ChorusReleveService.Window window = releve.window(structure);
        ChorusReleveService.SearchOutcome outcome = releve.searchChanged(structure, window);
        ReleveContract.WINDOW_TO.set(execution, Date.from(window.to().toInstant()));
        ReleveContract.INVOICES_SEEN.set(execution, outcome.seen());
    }
}
