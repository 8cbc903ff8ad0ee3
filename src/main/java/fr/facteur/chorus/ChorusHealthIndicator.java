package fr.facteur.chorus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code chorusPro} in {@code /actuator/health}: a token can be obtained and a cheap call answers.
 * The answer is cached ({@code facteur.chorus.health-cache-ttl}) so that probes do not load the
 * gateway. Warns 15 days before the technical account's password expires.
 */
@Component("chorusPro")
public class ChorusHealthIndicator implements HealthIndicator {

    static final int PASSWORD_WARNING_DAYS = 15;
    private static final Duration DOWN_RECHECK = Duration.ofSeconds(10);

    private final ChorusClient client;
    private final ChorusEndpoints endpoints;
    private final ChorusProperties properties;
    private final Clock clock;

    private Health cached;
    private Instant cachedUntil = Instant.MIN;

    public ChorusHealthIndicator(ChorusClient client, ChorusEndpoints endpoints, ChorusProperties properties) {
        this.client = client;
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = Clock.systemUTC();
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
        LocalDate expires = properties.passwordExpiresOn();
        if (expires != null) {
            long days = ChronoUnit.DAYS.between(LocalDate.now(clock), expires);
            health.withDetail("technicalPasswordExpiresOn", expires.toString());
            if (days <= PASSWORD_WARNING_DAYS) {
                health.withDetail("warning", days < 0
                        ? "Le mot de passe du compte technique Chorus Pro a expiré le " + expires
                        : "Le mot de passe du compte technique Chorus Pro expire dans " + days + " jour(s), le "
                                + expires + " : faites-le renouveler par le gestionnaire principal");
            }
        }
        return health.build();
    }
}
