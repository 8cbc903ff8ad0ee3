package fr.facteur.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OCR workers' account ({@code workers}) reaches only what reading an invoice needs: fetch,
 * lock, complete, fail and extend the external tasks of topic {@value WorkerAccess#TOPIC} (engine
 * REST), and, for an invoice one of those tasks is locked on, its JSON, its documents and its extraction
 * ({@code PUT /api/invoices/{id}/extraction}). Anything else — other instances, other invoices,
 * the evidence pack, variables, deployments — answers 403. Camunda's authorizations give them
 * nothing more than the instances of the two circuits (see {@link AuthorizationSetup}).
 */
final class WorkerScope extends OncePerRequestFilter {

    private final WorkerAccess access;

    WorkerScope(WorkerAccess access) {
        this.access = access;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!workerOnly(SecurityContextHolder.getContext().getAuthentication()) || access.allows(request)) {
            chain.doFilter(request, response);
            return;
        }
        JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "Accès refusé", "Un lecteur OCR n'accède qu'aux "
                + "tâches de lecture et aux factures qu'il est en train de lire.");
    }

    static boolean workerOnly(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        return authorities.contains(AccessRules.group(Groups.WORKERS))
                && authorities.stream().noneMatch(a -> a.startsWith("GROUP_") && !a.equals(AccessRules.group(Groups.WORKERS)));
    }
}
