package fr.facteur.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Default run (HTTP Basic): a person logged in to Tasklist opens the invoice's document and its page
 * from the task form without a second login. The Camunda webapps' own session (the same HTTP session)
 * is taken as a login for <em>reads</em> of the documents, the invoices and the pages only — with the
 * groups the identity service gives the user now, so the access rules stay the same. Anything that
 * changes something still needs HTTP Basic: a session cookie never authorizes a write (no CSRF).
 */
final class WebappSessionAuthentication extends OncePerRequestFilter {

    /** What a validator follows from a task form: the document, the invoice, its page, the upload page. */
    static final RequestMatcher READS = AccessRules.paths("/api/documents/*", "/api/documents/*/view",
            "/api/documents/*/pages/*", "/api/invoices/*",
            "/api/invoices/*/documents", "/api/invoices/*/reading", "/api/session", "/apercu", "/apercu/**", "/televersement", "/televersement/");

    private final IdentityService identity;
    private final String engineName;

    WebappSessionAuthentication(IdentityService identity, String engineName) {
        this.identity = identity;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = sessionUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        List<GrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(AccessRules.group(group.getId())))
                .toList();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, groups));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The user of the webapps' session, for a read that carries no credentials of its own; else null. */
    private String sessionUser(HttpServletRequest request) {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read || request.getHeader(HttpHeaders.AUTHORIZATION) != null || !READS.matches(request)) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)
                || user.getName() == null
                || identity.createUserQuery().userId(user.getName()).count() == 0) {
            return null;
        }
        return user.getName();
    }
}
