package fr.facteur.workflow.reception;

import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.DuplicateDetector;
import fr.facteur.invoice.Invoice;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DetectDuplicate} "Rechercher un doublon": sets {@code duplicateOf} to the invoice
 * this one seems to repeat (any channel), with that invoice's reference for the form, or null.
 */
@Component
public class DetectDuplicateDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(DetectDuplicateDelegate.class);

    private final DuplicateDetector detector;

    public DetectDuplicateDelegate(DuplicateDetector detector) {
        this.detector = detector;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Optional<Invoice> original = detector.suspectedDuplicateOf(invoiceId);
        original.ifPresent(o -> log.info("Invoice {} looks like invoice {} ({}): sent to {}", invoiceId, o.id(),
                o.externalKey(), "Task_CheckDuplicate"));
        execution.setVariable(ProcessVariables.DUPLICATE_OF, original.map(Invoice::id).orElse(null));
        ReceptionContract.DUPLICATE_DESCRIPTION.set(execution, original
                .map(o -> "Facture n° " + o.id() + " reçue par " + o.channel().name() + " le " + o.receivedOn()
                        + " (statut : " + o.status().label() + ")")
                .orElse(null));
    }
}
