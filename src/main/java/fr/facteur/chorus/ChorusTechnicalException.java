package fr.facteur.chorus;

import java.time.Duration;
import java.util.Optional;

/** A transient failure (5xx, 429, timeout, connection refused, unreadable answer): retry later. */
public final class ChorusTechnicalException extends ChorusException {

    private final Integer status;
    private final Duration retryAfter;

    public ChorusTechnicalException(String message, Integer status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, if an answer arrived. */
    public Optional<Integer> status() {
        return Optional.ofNullable(status);
    }

    /** How long Chorus Pro asked us to wait (429 {@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
