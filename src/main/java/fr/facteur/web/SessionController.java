package fr.facteur.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is logged in, for the pages and the Camunda webapp plugins: with Keycloak they offer the
 * single sign-out ({@code logoutUrl}); with HTTP Basic there is none to offer.
 */
@RestController
@Tag(name = "Session")
public class SessionController {

    private static final String GROUP = "GROUP_";

    private final Environment environment;

    public SessionController(Environment environment) {
        this.environment = environment;
    }

    /** The logged-in user, their groups, and where to log out of every application at once. */
    public record SessionJson(String user, List<String> groups, String logoutUrl) {
    }

    @Operation(summary = "Utilisateur connecté", description = "Avec Keycloak, logoutUrl termine aussi la session Keycloak.")
    @GetMapping("/api/session")
    public SessionJson session(Authentication authentication) {
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(GROUP))
                .map(authority -> authority.substring(GROUP.length()))
                .sorted()
                .toList();
        return new SessionJson(authentication.getName(), groups,
                environment.matchesProfiles("keycloak") ? "/logout" : null);
    }
}
