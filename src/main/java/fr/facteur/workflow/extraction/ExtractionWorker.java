package fr.facteur.workflow.extraction;

import fr.facteur.process.ExtractionContract;
import fr.facteur.process.ExtractionFlags;
import fr.facteur.process.ProcessVariables;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The OCR worker inside the application (on by default; {@code facteur.extraction.worker.enabled=false}
 * leaves the topic to separate {@code ocr-worker} processes). It fetches and locks tasks of topic
 * {@code invoice-extraction} through the engine's Java API — the same contract a remote worker
 * uses over REST — runs them, and reports failures with a decreasing retry count.
 */
@Component
@ConditionalOnProperty(name = "facteur.extraction.worker.enabled", havingValue = "true", matchIfMissing = true)
public class ExtractionWorker implements SmartLifecycle {

    static final String WORKER_ID = "facteur-embedded-extraction";
    private static final Logger log = LoggerFactory.getLogger(ExtractionWorker.class);

    private final ExternalTaskService externalTasks;
    private final ExtractInvoiceDataHandler handler;
    private final ExtractionWorkerProperties properties;
    private ScheduledExecutorService scheduler;
    private ExecutorService runners;

    public ExtractionWorker(ExternalTaskService externalTasks, ExtractInvoiceDataHandler handler,
                            ExtractionWorkerProperties properties) {
        this.externalTasks = externalTasks;
        this.handler = handler;
        this.properties = properties;
    }

    /** Fetches, runs and completes what is waiting; returns how many tasks it handled. */
    public int pollOnce() {
        List<LockedExternalTask> tasks = externalTasks.fetchAndLock(properties.maxTasks(), WORKER_ID)
                .topic(ExtractionContract.TOPIC, properties.lockDuration().toMillis())
                .variables(ProcessVariables.INVOICE_ID)
                .execute();
        // documents in parallel (each one's pages are already spread over the OCR threads)
        List<Future<?>> running = tasks.stream().<Future<?>>map(task -> runners.submit(() -> run(task))).toList();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return tasks.size();
            } catch (ExecutionException e) {
                log.error("Extraction runner failed", e.getCause());
            }
        }
        return tasks.size();
    }

    private void run(LockedExternalTask task) {
        try {
            long invoiceId = ((Number) task.getVariables().get(ProcessVariables.INVOICE_ID)).longValue();
            Map<String, Object> variables = handler.handle(invoiceId);
            externalTasks.complete(task.getId(), WORKER_ID, variables);
        } catch (RuntimeException e) {
            int left = ExtractionFlags.retriesLeft(task.getRetries(), properties.retries());
            log.error("Extraction task {} failed ({} retries left): {}", task.getId(), left, e.getMessage(), e);
            externalTasks.handleFailure(task.getId(), WORKER_ID, String.valueOf(e.getMessage()),
                    ExtractionFlags.details(e), left, properties.retryDelay().toMillis());
        }
    }

    @Override
    public void start() {
        runners = Executors.newFixedThreadPool(Math.max(1, properties.maxTasks()),
                runnable -> new Thread(runnable, "extraction-runner"));
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "extraction-worker"));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                while (pollOnce() > 0) {
                    // drain the queue before sleeping again
                }
            } catch (RuntimeException e) {
                log.warn("Extraction worker could not poll: {}", e.getMessage());
            }
        }, properties.pollInterval().toMillis(), properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Extraction worker polling topic {} every {}", ExtractionContract.TOPIC, properties.pollInterval());
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            runners.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
                runners.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
