package fr.facteur.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * How a separate worker proves who it is, to the API and to engine REST: with Keycloak, a bearer
 * token of its client (client-credentials grant, renewed 30 s before it expires); in the default
 * run, HTTP Basic with a technical account of group {@code workers}.
 */
public final class WorkerCredentials {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final OcrWorkerProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Clock clock = Clock.systemUTC();

    private String token;
    private Instant renewAt = Instant.MIN;

    public WorkerCredentials(OcrWorkerProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** The value of the {@code Authorization} header for the next call. */
    public synchronized String authorization() {
        if (properties.tokenUri() == null) {
            return "Basic " + base64(properties.username() + ":" + properties.password());
        }
        if (token == null || clock.instant().isAfter(renewAt)) {
            fetchToken();
        }
        return "Bearer " + token;
    }

    private void fetchToken() {
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUri())
                .header("Authorization", "Basic " + base64(form(properties.clientId()) + ":" + form(properties.clientSecret())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token refused by " + properties.tokenUri() + ": HTTP "
                        + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asText();
            long lifetime = body.path("expires_in").asLong(60);
            renewAt = clock.instant().plusSeconds(lifetime).minus(RENEW_BEFORE);
        } catch (IOException e) {
            throw new UncheckedIOException("Token endpoint " + properties.tokenUri() + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for a token", e);
        }
    }

    /** Client id and secret are form-encoded before Basic encoding (RFC 6749, 2.3.1). */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
