package fr.facteur.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser carries its cookies and cached Basic credentials to this application even when a page
 * of another site sends the request (a top-level form post needs no script). In every mode (Basic
 * and Keycloak, API, engine REST, webapps), a request that changes something and that a browser
 * says comes from another origin is refused with 403 before anything reads it:
 * <ul>
 * <li>{@code Sec-Fetch-Site} (every current browser sends it): only {@code same-origin} and
 * {@code none} (typed by the user) pass;</li>
 * <li>otherwise {@code Origin}, then {@code Referer}: their host and port must be this request's.</li>
 * </ul>
 * Clients that are not browsers (curl, the OCR worker, scripts with a bearer token) send none of
 * these headers and are not affected.
 */
final class CrossSiteRequestGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CrossSiteRequestGuard.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SAME_SITE_FETCH = Set.of("same-origin", "none");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod()) || !crossSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("Cross-site {} {} refused (Sec-Fetch-Site={}, Origin={}, Referer={})", request.getMethod(),
                request.getRequestURI(), request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"),
                request.getHeader("Referer"));
        JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "Requête refusée", "Cette modification vient "
                + "d'une page d'un autre site : Facteur ne l'accepte que de ses propres pages.");
    }

    static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return !SAME_SITE_FETCH.contains(fetchSite.trim().toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return !sameHost(origin, request);
        }
        String referer = request.getHeader("Referer");
        return referer != null && !sameHost(referer, request);
    }

    /** Whether the URL's host and port are the ones this request was sent to (behind a proxy: its forwarded host). */
    private static boolean sameHost(String url, HttpServletRequest request) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false; // "null" origins: sandboxed frames, files, privacy redirects
        }
        String forwarded = request.getHeader("X-Forwarded-Host");
        String host = forwarded != null ? forwarded.split(",")[0].trim() : request.getHeader("Host");
        if (host == null) {
            return false;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String expected = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        String actual = host.toLowerCase(Locale.ROOT);
        if (!actual.contains(":") || actual.endsWith("]")) {
            String scheme = request.getHeader("X-Forwarded-Proto") != null ? request.getHeader("X-Forwarded-Proto")
                    : request.getScheme();
            actual = actual + ":" + ("https".equalsIgnoreCase(scheme) ? 443 : 80);
        }
        return expected.equals(actual);
    }
}
