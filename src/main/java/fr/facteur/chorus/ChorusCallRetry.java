package fr.facteur.chorus;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transient failures of Chorus Pro (5xx, 429 with {@code Retry-After}, timeouts, connection resets)
 * are tried again inside the step, with exponential backoff and jitter, within a time budget kept
 * well under the job's lock; then the engine's retry cycle takes over. A functional refusal is
 * never retried. A call that changes something on Chorus Pro is repeated only when the failure
 * proves it was not processed (429, 503, connection refused): after an ambiguous one (500, 502,
 * 504, a timeout), whoever knows how to check first (a status push reads the current status) decides.
 *
 * @param attempts   calls at most, the first included
 * @param backoff    wait before the second call; doubled each time
 * @param maxBackoff longest wait between two calls (and the longest {@code Retry-After} honoured)
 * @param budget     time after which no further call is made in the step
 */
public record ChorusCallRetry(int attempts, Duration backoff, Duration maxBackoff, Duration budget) {

    private static final Logger log = LoggerFactory.getLogger(ChorusCallRetry.class);

    /** Operations that change something on Chorus Pro. */
    static final Set<String> WRITES = Set.of("traiterRecue", "deposerFlux", "ajouterFichier", "deposerPdf",
            "soumettre", "completer");

    /** A single try: what tests and callers that retry themselves use. */
    public static final ChorusCallRetry NONE = new ChorusCallRetry(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * How long to wait before attempt {@code next} after {@code failure}; empty when no further
     * attempt is to be made in this step.
     *
     * @param startedNanos {@link System#nanoTime()} when the first attempt started
     */
    public Optional<Duration> waitBefore(int next, ChorusTechnicalException failure, boolean repeatable,
                                         long startedNanos) {
        if (next > attempts || !(repeatable || notProcessed(failure))) {
            return Optional.empty();
        }
        Duration wait;
        if (failure.retryAfter().isPresent()) {
            wait = failure.retryAfter().get();
            if (wait.compareTo(maxBackoff) > 0) {
                return Optional.empty(); // Chorus Pro asks for longer than a step may wait: the engine waits
            }
        } else {
            long exponential = backoff.toMillis() << Math.min(20, next - 2);
            long capped = Math.min(exponential, maxBackoff.toMillis());
            // "equal jitter": half the wait fixed, half random, so that retrying nodes spread out
            wait = Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        return elapsed.plus(wait).compareTo(budget) > 0 ? Optional.empty() : Optional.of(wait);
    }

    /**
     * Runs {@code attempt} (given its number, from 1) until it succeeds, it fails with anything but
     * a technical failure, or {@link #waitBefore} says to stop; the last failure is then thrown.
     */
    public <T> T run(String operation, boolean repeatable, IntFunction<T> attempt) {
        long started = System.nanoTime();
        for (int number = 1; ; number++) {
            try {
                return attempt.apply(number);
            } catch (ChorusTechnicalException failure) {
                Optional<Duration> wait = waitBefore(number + 1, failure, repeatable, started);
                if (wait.isEmpty()) {
                    throw failure;
                }
                log.info("Chorus Pro {}: {} — try {} in {} ms", operation, failure.getMessage(), number + 1,
                        wait.get().toMillis());
                try {
                    Thread.sleep(wait.get().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    /** Whether the failure shows that Chorus Pro did not process the request. */
    static boolean notProcessed(ChorusTechnicalException failure) {
        Optional<Integer> status = failure.status();
        if (status.isPresent()) {
            return status.get() == 429 || status.get() == 503;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
