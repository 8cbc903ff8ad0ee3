package fr.facteur.workflow.reception;

import fr.facteur.notification.SupplierNotices;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.ReceptionContract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifySupplierOfDispute} "Prévenir le fournisseur du litige": the motif mailed to the
 * supplier of a mailed invoice; {@code supplierNotice} says what happened (MAILED, BY_CHORUS_PRO…).
 */
@Component
public class NotifySupplierOfDisputeDelegate implements JavaDelegate {

    private final SupplierNotices notices;

    public NotifySupplierOfDisputeDelegate(SupplierNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SupplierNotices.Outcome outcome = notices.notifyDispute(ProcessVariables.invoiceId(execution),
                ReceptionContract.MOTIF.get(execution));
        ReceptionContract.SUPPLIER_NOTICE.set(execution, outcome.name());
    }
}
