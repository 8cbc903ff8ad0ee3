package fr.facteur.chorus.emulator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the PISTE gateway does before Chorus Pro sees a call: bearer token and {@code cpro-account}
 * checks (401 with the gateway's {@code WWW-Authenticate}), POST only, then the injected faults.
 */
class EmulatorGatewayFilter extends OncePerRequestFilter {

    private final EmulatorTokens tokens;
    private final EmulatorFaults faults;

    EmulatorGatewayFilter(EmulatorTokens tokens, EmulatorFaults faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (!tokens.valid(token)) {
            unauthorized(response, "invalid_token", "The access token is missing, invalid or expired");
            return;
        }
        if (!tokens.accountMatches(request.getHeader("cpro-account"))) {
            unauthorized(response, "Unauthorized", "login or password incorrects");
            return;
        }
        EmulatorFaults.Fault fault;
        try {
            fault = faults.draw();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        switch (fault) {
            case SERVER_ERROR -> {
                response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                response.setContentType("text/html");
                response.getWriter().write("<html><body>Erreur technique (injectée par l'émulateur)</body></html>");
            }
            case TOO_MANY_REQUESTS -> {
                response.setStatus(429);
                response.setHeader("Retry-After", "1");
            }
            case NONE -> chain.doFilter(request, response);
        }
    }

    private static void unauthorized(HttpServletResponse response, String error, String description)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate",
                "Bearer realm=\"PISTE\",error=\"" + error + "\",error_description=\"" + description + "\"");
    }
}
