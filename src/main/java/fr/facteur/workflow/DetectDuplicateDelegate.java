package fr.facteur.workflow;

import fr.facteur.invoice.DuplicateDetector;
import fr.facteur.invoice.Invoice;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DetectDuplicate} "Rechercher un doublon": sets {@code duplicateOf} to the invoice
 * this one seems to repeat (any channel), with that invoice's reference for the form, or null.
 */
@Component
public class DetectDuplicateDelegate implements JavaDelegate {

    private final DuplicateDetector detector;

    public DetectDuplicateDelegate(DuplicateDetector detector) {
        this.detector = detector;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<Invoice> original = detector.suspectedDuplicateOf(ProcessVariables.invoiceId(execution));
        execution.setVariable(ProcessVariables.DUPLICATE_OF, original.map(Invoice::id).orElse(null));
        execution.setVariable("duplicateDescription", original
                .map(o -> "Facture n° " + o.id() + " reçue par " + o.channel().name() + " le " + o.receivedOn()
                        + " (statut : " + o.status().label() + ")")
                .orElse(null));
    }
}
