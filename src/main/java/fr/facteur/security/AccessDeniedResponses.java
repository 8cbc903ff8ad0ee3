package fr.facteur.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A 403 that says why: logged in, but not in a group that may. The API answers in its JSON error
 * shape; a page asked by a browser gets a page, in French, with the way back.
 */
final class AccessDeniedResponses implements AccessDeniedHandler {

    private static final String DETAIL = "Vos groupes ne donnent pas accès à cette page ou à cet appel.";
    private static final RequestMatcher API = AccessRules.paths(AccessRules.API);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (API.matches(request) || !acceptsHtml(request)) {
            JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "Accès refusé", DETAIL);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="fr">
                <head><meta charset="utf-8"><title>Accès refusé — Facteur</title>
                <link rel="icon" href="data:,"><link rel="stylesheet" href="/apercu/apercu.css"></head>
                <body>
                <header><strong>Facteur</strong> <a href="/camunda/app/tasklist/">Tasklist</a></header>
                <main>
                <h1>Accès refusé</h1>
                <p>Vos groupes ne donnent pas accès à cette page. Si votre travail l'exige, demandez à un
                administrateur de vous ajouter au groupe qui convient (les managers pour l'aperçu et les
                listes).</p>
                <p><a href="/camunda/app/tasklist/">Retour à la liste des tâches</a></p>
                </main>
                </body>
                </html>
                """);
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
