package fr.facteur.capture;

import fr.facteur.chorus.ChorusException;
import fr.facteur.chorus.ChorusReception;
import fr.facteur.invoice.ChorusStep;
import fr.facteur.invoice.InvoiceService;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads Chorus Pro's own history of the received invoices whose status the relève saw change, and
 * keeps every step with its date, author and comment — also the statuses the invoice went through
 * between two relèves. Chorus Pro is called outside any transaction of ours; an invoice whose history
 * cannot be read now stays due and is read at the next relève.
 */
@Service
public class ChorusHistorySync {

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ChorusHistorySync.class);

    private final ChorusReception chorus;
    private final InvoiceService invoices;

    public ChorusHistorySync(ChorusReception chorus, InvoiceService invoices) {
        this.chorus = chorus;
        this.invoices = invoices;
    }

    /** What a sync did: histories read, steps new, histories left for the next relève. */
    public record Outcome(int read, int newSteps, int failed) {
    }

    /** Reads the history of every invoice due (at most a few batches per relève). */
    public Outcome syncDue() {
        int read = 0;
        int added = 0;
        int failed = 0;
        Map<Long, Long> due = invoices.chorusHistoryDue(BATCH);
        for (Map.Entry<Long, Long> invoice : due.entrySet()) {
            try {
                List<ChorusStep> steps = chorus.statusHistory(invoice.getValue()).stream()
                        .map(step -> new ChorusStep(step.stepId(), step.status(), step.passedAt(), step.author(), step.comment()))
                        .toList();
                added += invoices.recordChorusSteps(invoice.getKey(), steps);
                read++;
            } catch (ChorusException e) {
                failed++;
                log.warn("Chorus Pro history of invoice {} (idFacture {}) not read, tried again at the next relève: {}",
                        invoice.getKey(), invoice.getValue(), e.getMessage());
            }
        }
        if (!due.isEmpty()) {
            log.info("Chorus Pro histories: {} read, {} new step(s), {} left for the next relève", read, added, failed);
        }
        return new Outcome(read, added, failed);
    }
}
