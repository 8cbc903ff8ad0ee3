package fr.facteur.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** A 401 that tells the client how to authenticate, with the API's JSON error body. */
final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final String challenge;
    private final String detail;

    private JsonAuthenticationEntryPoint(String challenge, String detail) {
        this.challenge = challenge;
        this.detail = detail;
    }

    /** HTTP Basic against Camunda's users (default run). */
    static JsonAuthenticationEntryPoint basic() {
        return new JsonAuthenticationEntryPoint("Basic realm=\"Facteur\", charset=\"UTF-8\"",
                "Connectez-vous avec votre identifiant et votre mot de passe (HTTP Basic).");
    }

    /** A bearer token from Keycloak (profile keycloak). */
    static JsonAuthenticationEntryPoint bearer() {
        return new JsonAuthenticationEntryPoint("Bearer realm=\"Facteur\"",
                "Présentez un jeton d'accès Keycloak (Authorization: Bearer …).");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        if (request.getHeader(BrowserRequestGuard.HEADER) == null) {
            // not for our own scripts: a browser would open its login dialog over the page
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"Authentification requise\",\"detail\":\"" + detail + "\"}");
    }
}
