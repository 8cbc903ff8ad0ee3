package fr.facteur.workflow.reception;

import fr.facteur.process.Actors;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.DuplicateDetector;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordDuplicate} "Écarter le doublon": the invoice ends as a duplicate of the
 * original, in its history — and nothing is sent to Chorus Pro.
 */
@Component
public class RecordDuplicateDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final DuplicateDetector detector;
    private final IdentityService identityService;

    public RecordDuplicateDelegate(InvoiceService invoices, DuplicateDetector detector, IdentityService identityService) {
        this.invoices = invoices;
        this.detector = detector;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        long original = ProcessVariables.longValue(execution, ProcessVariables.DUPLICATE_OF);
        detector.markDuplicate(invoiceId, original);
        // runs right after "Vérifier un doublon" is completed: the history names who confirmed it
        invoices.decide(invoiceId, "DUPLICATE_CONFIRMED", InvoiceStatus.DUPLICATE, Actors.current(identityService),
                "Doublon de la facture n° " + original + " confirmé", false);
    }
}
