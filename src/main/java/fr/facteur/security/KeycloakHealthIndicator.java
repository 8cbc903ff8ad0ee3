package fr.facteur.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code keycloak} in {@code /actuator/health} (profile {@code keycloak}): the realm answers its
 * discovery document. Down, the application still runs: tokens already issued are checked with
 * the cached keys, new logins wait for Keycloak.
 */
@Component("keycloak")
@Profile("keycloak")
class KeycloakHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration UP_CACHE = Duration.ofSeconds(30);
    private static final Duration DOWN_CACHE = Duration.ofSeconds(5);

    private final KeycloakProperties keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock = Clock.systemUTC();

    private Health cached;
    private Instant cachedUntil = Instant.MIN;

    KeycloakHealthIndicator(KeycloakProperties keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedUntil)) {
            cached = check();
            cachedUntil = now.plus(Status.UP.equals(cached.getStatus()) ? UP_CACHE : DOWN_CACHE);
        }
        return cached;
    }

    private Health check() {
        String discovery = keycloak.serverRealm() + "/.well-known/openid-configuration";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            Health.Builder health = response.statusCode() == 200 ? Health.up() : Health.down();
            return health.withDetail("issuer", keycloak.issuer()).withDetail("httpStatus", response.statusCode()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("issuer", keycloak.issuer()).withDetail("error", "interrupted").build();
        } catch (Exception e) {
            return Health.down().withDetail("issuer", keycloak.issuer())
                    .withDetail("error", "Keycloak injoignable : " + e.getClass().getSimpleName()).build();
        }
    }
}
