package fr.facteur.chorus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Turns Chorus Pro's HTTP errors into the three kinds the rest of Facteur handles:
 * a {@code codeRetour} in a 400 body is functional; 401/403 is authentication; 429, 5xx and
 * anything else unexpected is technical (and 429 carries its {@code Retry-After}).
 */
class ChorusErrorDecoder implements ErrorDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    @Override
    public Exception decode(String methodKey, Response response) {
        String operation = operation(methodKey);
        int status = response.status();
        if (status == 401 || status == 403) {
            return new ChorusAuthenticationException(status, header(response, "WWW-Authenticate"));
        }
        String body = body(response);
        if (status == 400) {
            JsonNode json = parse(body);
            if (json != null && json.hasNonNull("codeRetour") && json.path("codeRetour").asInt() != 0) {
                return new ChorusFunctionalException(operation, json.path("codeRetour").asInt(),
                        json.path("libelle").asText(""));
            }
            return new ChorusFunctionalException(operation, -400, "HTTP 400 without codeRetour: " + excerpt(body));
        }
        if (status == 413) {
            return new ChorusFunctionalException(operation, -413,
                    "Fichier trop volumineux pour Chorus Pro (HTTP 413)");
        }
        Duration retryAfter = status == 429 ? retryAfter(header(response, "Retry-After")) : null;
        return new ChorusTechnicalException("Chorus Pro " + operation + " answered HTTP " + status
                + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"), status, retryAfter, null);
    }

    /** {@code FacturesApi#traiterRecue(TraiterFactureRecueRequest)} → {@code FacturesApi.traiterRecue}. */
    static String operation(String methodKey) {
        int paren = methodKey.indexOf('(');
        return (paren < 0 ? methodKey : methodKey.substring(0, paren)).replace('#', '.');
    }

    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static String header(Response response, String name) {
        for (var entry : response.headers().entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                Collection<String> values = entry.getValue();
                return values.isEmpty() ? null : values.iterator().next();
            }
        }
        return null;
    }

    private static String body(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
