package fr.facteur.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** A 403 that says why, in the API's JSON error shape: logged in, but not in a group that may. */
final class JsonAccessDeniedHandler implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "Accès refusé", "Vos groupes ne donnent pas accès "
                + "à cette page ou à cet appel.");
    }
}
