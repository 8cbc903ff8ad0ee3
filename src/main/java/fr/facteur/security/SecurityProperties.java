package fr.facteur.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loginLock the longest wait imposed after failed logins (each failure doubles the wait, from
 *     3 seconds up to this); an account is never locked for good
 * @param maxConcurrentUploads uploads and extractions read at the same time; one more answers 503
 *     with {@code Retry-After} instead of running the JVM out of memory
 * @param retryAfter what that 503 tells the client to wait
 */
@ConfigurationProperties("facteur.security")
public record SecurityProperties(
        @DefaultValue("PT5M") Duration loginLock,
        @DefaultValue("4") int maxConcurrentUploads,
        @DefaultValue("PT10S") Duration retryAfter) {
}
