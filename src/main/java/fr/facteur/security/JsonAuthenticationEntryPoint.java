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

    /**
     * The Camunda plugins' "who is logged in?" call ({@code GET /api/session} from our scripts): a
     * challenge would open the browser's login dialog over Tasklist. Every other call keeps it, so a
     * page's script (upload, supporting documents) gets the credentials the browser holds for the
     * realm: those of the page are not sent by themselves to another path.
     */
    private static boolean isSessionProbe(HttpServletRequest request) {
        return request.getHeader(BrowserRequestGuard.HEADER) != null
                && (request.getContextPath() + "/api/session").equals(request.getRequestURI());
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        if (!isSessionProbe(request)) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"Authentification requise\",\"detail\":\"" + detail + "\"}");
    }
}
