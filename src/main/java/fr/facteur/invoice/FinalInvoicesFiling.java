package fr.facteur.invoice;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Files the invoices that reached a final state without being filed with their retention: those that
 * ended before this rule existed (an upgrade), or whose filing failed. Runs a minute after the start —
 * on the scheduler's thread, not the starting one: after an upgrade there may be years of invoices —
 * and every night. Each invoice is filed in its own transaction, its row locked and its retention
 * checked first, so two nodes sweeping at once file it once, and a node killed midway leaves the
 * invoices it had filed filed and the others for the next run. An invoice that cannot be filed is
 * logged with its reason and tried again at the next run.
 */
@Component
public class FinalInvoicesFiling {

    static final String ACTOR = "facteur";
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(FinalInvoicesFiling.class);

    private final InvoiceRepository invoices;
    private final InvoiceClassifier classifier;

    public FinalInvoicesFiling(InvoiceRepository invoices, InvoiceClassifier classifier) {
        this.invoices = invoices;
        this.classifier = classifier;
    }

    @Scheduled(initialDelayString = "${facteur.retention.first-sweep-delay:PT1M}")
    @Scheduled(cron = "${facteur.retention.filing-cron:0 30 3 * * *}", zone = "Europe/Paris")
    public void fileNow() {
        int filed = fileAll();
        if (filed > 0) {
            log.info("{} invoice(s) in a final state filed in the GED with their retention", filed);
        }
    }

    /** Files every invoice in a final state not filed yet; returns how many were. */
    public int fileAll() {
        int filed = 0;
        long after = 0;
        for (List<Long> batch = invoices.finalWithoutRetention(after, BATCH); !batch.isEmpty();
             batch = invoices.finalWithoutRetention(after, BATCH)) {
            for (long id : batch) {
                try {
                    if (classifier.fileFinalIfNotFiled(id, ACTOR)) {
                        filed++;
                    }
                } catch (RuntimeException e) {
                    // left for the next run; the others go on
                    log.warn("Invoice {} in a final state could not be filed in the GED: {}", id, e.toString());
                }
                after = id;
            }
        }
        return filed;
    }
}
