package fr.facteur.workflow.extraction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facteur.extraction.worker.*}: the OCR worker inside the application.
 *
 * @param enabled      false leaves topic {@code invoice-extraction} to separate {@code ocr-worker} processes
 * @param maxTasks     tasks locked per fetch
 * @param lockDuration how long a task stays locked; longer than the slowest document
 * @param pollInterval pause between fetches when nothing waits
 * @param retries      attempts before a failing task becomes an incident
 * @param retryDelay   wait before the next attempt
 */
@ConfigurationProperties("facteur.extraction.worker")
public record ExtractionWorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2") int maxTasks,
        @DefaultValue("PT5M") Duration lockDuration,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("3") int retries,
        @DefaultValue("PT1M") Duration retryDelay) {
}
