package fr.facteur.workflow.reception;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.process.FormFields;
import fr.facteur.process.ProcessVariables;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete {@code Task_RecordPayment} with a payment date that cannot be right (missing,
 * not a date, in the future, before the invoice's date or before its mandate): the completion is
 * rolled back and the reason shown in Tasklist; engine REST answers 400 with it.
 */
@Component
public class RecordPaymentCompletionListener implements TaskListener {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final InvoiceService invoices;

    public RecordPaymentCompletionListener(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void notify(DelegateTask task) {
        Object given = task.getVariable(ProcessVariables.PAYMENT_DATE);
        LocalDate paidOn;
        try {
            paidOn = FormFields.day(given).orElseThrow(() -> new FormFieldValidationException(
                    ProcessVariables.PAYMENT_DATE, "La date de mise en paiement est obligatoire."));
        } catch (DateTimeParseException e) {
            String shown = given.toString().length() > 40 ? given.toString().substring(0, 40) + "…" : given.toString();
            throw new FormFieldValidationException(ProcessVariables.PAYMENT_DATE,
                    "La date de mise en paiement « " + shown + " » n'est pas une date (attendu : aaaa-mm-jj).");
        }
        invoices.paymentDateProblem(ProcessVariables.invoiceId(task.getExecution()), paidOn, LocalDate.now(PARIS))
                .ifPresent(problem -> {
                    throw new FormFieldValidationException(ProcessVariables.PAYMENT_DATE, problem);
                });
    }
}
