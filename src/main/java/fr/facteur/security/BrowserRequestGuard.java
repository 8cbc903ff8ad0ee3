package fr.facteur.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With Keycloak, the pages (upload, overview) call the API with the session cookie of the login.
 * A change sent that way must carry the header {@code X-Requested-With} that only a script of our
 * own origin can add (a form on another site cannot, and no CORS is allowed): a cross-site request
 * forgery is refused. Bearer-token calls and the Camunda webapps (their own CSRF filter) pass.
 */
final class BrowserRequestGuard extends OncePerRequestFilter {

    static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean guarded = !SAFE.contains(request.getMethod())
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && !path.startsWith("/camunda/");
        if (guarded && request.getHeader(HEADER) == null) {
            JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "Requête refusée", "Une modification envoyée "
                    + "avec la session du navigateur doit venir des pages de Facteur (en-tête " + HEADER + ").");
            return;
        }
        chain.doFilter(request, response);
    }
}
