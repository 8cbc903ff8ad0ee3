package fr.facteur.chorus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * PISTE OAuth2 client-credentials token ({@code scope=openid}), cached and renewed a margin before
 * it expires, or at once when Chorus Pro answers 401. One token serves every call and thread.
 */
@Component
public class PisteTokenProvider {

    private static final Logger log = LoggerFactory.getLogger(PisteTokenProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChorusProperties properties;
    private final ChorusEndpoints endpoints;
    private final RestClient http;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;
    private long tokensFetched;

    @Autowired
    public PisteTokenProvider(ChorusProperties properties, ChorusEndpoints endpoints, RestClient.Builder builder) {
        this(properties, endpoints, builder, Clock.systemUTC());
    }

    PisteTokenProvider(ChorusProperties properties, ChorusEndpoints endpoints, RestClient.Builder builder,
                       Clock clock) {
        this.properties = properties;
        this.endpoints = endpoints;
        this.clock = clock;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        factory.setReadTimeout(properties.connectTimeout().plusSeconds(20));
        this.http = builder.clone().requestFactory(factory).build();
    }

    /** A valid bearer token, fetched only when the cached one is missing or about to expire. */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the cached token (after a 401), so the next call fetches a new one. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    /** Forgets any cached token (tests, and a change of credentials). */
    synchronized void forget() {
        token = null;
    }

    /** How many tokens were fetched since start (for tests and metrics). */
    public synchronized long tokensFetched() {
        return tokensFetched;
    }

    private void fetch() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("scope", "openid");
        JsonNode answer;
        try {
            answer = http.post().uri(endpoints.tokenUrl())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        JsonNode body = readJson(response.getBody().readAllBytes());
                        if (status == 400 || status == 401 || status == 403) {
                            throw new ChorusAuthenticationException(401, "token endpoint answered " + status
                                    + oauthError(body) + " for client id " + properties.clientId());
                        }
                        if (status >= 300) {
                            throw new ChorusTechnicalException("PISTE token endpoint answered HTTP " + status
                                    + oauthError(body), status, null, null);
                        }
                        return body;
                    });
        } catch (ResourceAccessException e) {
            throw new ChorusTechnicalException("PISTE token endpoint unreachable: " + e.getMessage(), null, null, e);
        }
        String accessToken = answer == null ? null : answer.path("access_token").asText(null);
        long expiresIn = answer == null ? 0 : answer.path("expires_in").asLong(0);
        if (accessToken == null || accessToken.isBlank() || expiresIn <= 0) {
            throw new ChorusTechnicalException("PISTE token endpoint gave no usable token (empty access_token or "
                    + "expires_in)", null, null, null);
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = properties.tokenRenewalMargin().compareTo(lifetime.dividedBy(2)) > 0
                ? lifetime.dividedBy(2) : properties.tokenRenewalMargin();
        token = accessToken;
        renewAt = clock.instant().plus(lifetime).minus(margin);
        tokensFetched++;
        log.info("New PISTE token, valid {} s (renewed {} s before expiry)", expiresIn, margin.toSeconds());
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String oauthError(JsonNode body) {
        if (body == null || !body.has("error")) {
            return "";
        }
        return " (" + body.path("error").asText() + (body.has("error_description")
                ? ": " + body.path("error_description").asText() : "") + ")";
    }
}
