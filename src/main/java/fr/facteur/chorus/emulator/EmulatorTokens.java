package fr.facteur.chorus.emulator;

import fr.facteur.chorus.ChorusProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The emulated PISTE gateway's credentials: it accepts the client id/secret and technical account
 * configured under {@code facteur.chorus.*}, and issues tokens that expire after
 * {@code facteur.chorus.emulator.token-ttl}. Tokens live in memory: after a restart the client
 * gets a 401 and fetches a new one, as it would with a revoked token.
 */
@Component
@ConditionalOnEmulator
class EmulatorTokens {

    private final ChorusProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    EmulatorTokens(ChorusProperties properties) {
        this.properties = properties;
    }

    boolean clientMatches(String clientId, String clientSecret) {
        return clientId != null && clientId.equals(properties.clientId())
                && clientSecret != null && clientSecret.equals(properties.clientSecret());
    }

    String issue() {
        String token = UUID.randomUUID().toString();
        tokens.put(token, clock.instant().plus(properties.emulator().tokenTtl()));
        issued.incrementAndGet();
        tokens.values().removeIf(expiry -> expiry.isBefore(clock.instant()));
        return token;
    }

    long issuedCount() {
        return issued.get();
    }

    long ttlSeconds() {
        return properties.emulator().tokenTtl().toSeconds();
    }

    /** Forgets every token issued, as a gateway restart or a revocation would. */
    void revokeAll() {
        tokens.clear();
    }

    boolean valid(String token) {
        Instant expiry = token == null ? null : tokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    boolean accountMatches(String cproAccount) {
        String expected = Base64.getEncoder().encodeToString(
                (properties.login() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(cproAccount);
    }
}
