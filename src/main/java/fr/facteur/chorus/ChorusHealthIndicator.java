package fr.facteur.chorus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code chorusPro} in {@code /actuator/health}: a token can be obtained and a cheap call answers.
 * The answer is cached ({@code facteur.chorus.health-cache-ttl}) so that probes do not load the
 * gateway. Warns 15 days before the technical account's password expires ({@link TechnicalAccountExpiry}).
 */
@Component("chorusPro")
public class ChorusHealthIndicator implements HealthIndicator {

    private static final Duration DOWN_RECHECK = Duration.ofSeconds(10);

    private final ChorusClient client;
    private final ChorusEndpoints endpoints;
    private final ChorusProperties properties;
    private final TechnicalAccountExpiry expiry;
    private final Clock clock;

    private Health cached;
    private Instant cachedUntil = Instant.MIN;

    public ChorusHealthIndicator(ChorusClient client, ChorusEndpoints endpoints, ChorusProperties properties,
                                 TechnicalAccountExpiry expiry) {
        this.client = client;
        this.endpoints = endpoints;
        this.properties = properties;
        this.expiry = expiry;
        this.clock = Clock.system(ChorusDates.PARIS);
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedUntil)) {
            cached = check();
            // A failure is checked again sooner than a success, so that recovery shows quickly.
            cachedUntil = now.plus(Status.UP.equals(cached.getStatus())
                    ? properties.healthCacheTtl() : DOWN_RECHECK.compareTo(properties.healthCacheTtl()) < 0
                    ? DOWN_RECHECK : properties.healthCacheTtl());
        }
        return cached;
    }

    private Health check() {
        Health.Builder health;
        try {
            int structures = client.recipientStructures().size();
            health = Health.up().withDetail("recipientStructures", structures);
        } catch (ChorusException e) {
            health = Health.down().withDetail("error", e.getMessage());
        }
        health.withDetail("emulator", endpoints.usesEmulator());
        Optional<TechnicalAccountExpiry.ExpiryDay> day = expiry.expiryDay();
        if (day.isPresent()) {
            health.withDetail("technicalPasswordExpiresOn", day.get().day().toString())
                    .withDetail("technicalPasswordExpiresOnSource", day.get().source().name());
        }
        Optional<TechnicalAccountExpiry.Warning> warning = expiry.warning(LocalDate.now(clock));
        if (warning.isPresent()) {
            health.withDetail("warning", warning.get().message());
        }
        return health.build();
    }
}
