package fr.facteur.workflow.reception;

import fr.facteur.process.ProcessVariables;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.payment.PaymentDeadlines;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The managers' warning before the délai global de paiement runs out ({@code
 * facteur.payment.warning-before} ahead), as the timer of {@code StartEvent_DeadlineNear}:
 * <ul>
 *   <li>{@code ${paymentWarning.warnOn(invoiceId)}} computes it when the invoice enters the circuit,
 *       from the day Facteur received it;</li>
 *   <li>{@code ${paymentWarning.pause(execution)}} holds the timer while the invoice is in dispute
 *       (the deadline is suspended: the warning must not fire meanwhile);</li>
 *   <li>{@code ${paymentWarning.resume(execution)}} moves it by the days spent in dispute and lets it
 *       run again when the invoice comes back to validation.</li>
 * </ul>
 */
@Component("paymentWarning")
public class PaymentWarning {

    static final String WARNING_TIMER = "StartEvent_DeadlineNear";
    static final int HELD_YEARS = 100;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Logger log = LoggerFactory.getLogger(PaymentWarning.class);

    private final InvoiceService invoices;
    private final InvoiceDeadlines invoiceDeadlines;
    private final PaymentDeadlines deadlines;
    private final ManagementService managementService;

    public PaymentWarning(InvoiceService invoices, InvoiceDeadlines invoiceDeadlines, PaymentDeadlines deadlines,
                          ManagementService managementService) {
        this.invoices = invoices;
        this.invoiceDeadlines = invoiceDeadlines;
        this.deadlines = deadlines;
        this.managementService = managementService;
    }

    public Date warnOn(Object invoiceId) {
        Invoice invoice = invoices.get(((Number) invoiceId).longValue());
        LocalDate dueOn = invoiceDeadlines.of(invoice).dueOn();
        return Date.from(deadlines.warningOn(dueOn).atTime(9, 0).atZone(PARIS).toInstant());
    }

    /**
     * Pushes the timer out of reach ({@value #HELD_YEARS} years) rather than suspending the job: the
     * engine's suspension is a bulk update that cannot be combined with a due-date change in one
     * transaction, and resuming needs both.
     */
    public void pause(DelegateExecution execution) {
        timer(execution).ifPresent(job -> {
            managementService.setJobDuedate(job.getId(), held());
            log.info("Invoice {}: payment warning held during the dispute", ProcessVariables.invoiceId(execution));
        });
    }

    /** Back from a dispute: the warning moves by the days the délai was stopped. */
    public void resume(DelegateExecution execution) {
        reschedule(execution, "moved after the dispute");
    }

    /**
     * The invoice is indexed (read, or completed by a person): its buyer, hence its entity type and
     * délai, may be known only now. Not on the Chorus Pro path, whose buyer comes with the invoice.
     */
    public void followIndex(DelegateExecution execution) {
        reschedule(execution, "set for its buyer");
    }

    /** Puts the pending warning on the date the invoice's deadline gives now, if it is not there. */
    private void reschedule(DelegateExecution execution, String why) {
        timer(execution).ifPresent(job -> {
            Date warnOn = warnOn(ProcessVariables.invoiceId(execution));
            if (!warnOn.equals(job.getDuedate())) {
                managementService.setJobDuedate(job.getId(), warnOn);
                log.info("Invoice {}: payment warning {}: {}", ProcessVariables.invoiceId(execution), why, warnOn);
            }
        });
    }

    private static Date held() {
        return Date.from(LocalDate.now(PARIS).plusYears(HELD_YEARS).atStartOfDay(PARIS).toInstant());
    }

    /** The pending warning timer of this process (none once it has fired). */
    private Optional<Job> timer(DelegateExecution execution) {
        return Optional.ofNullable(managementService.createJobQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .activityId(WARNING_TIMER)
                .timers()
                .singleResult());
    }
}
