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
 * Who is logged in, for the pages and the Camunda webapp plugins: the links the person may follow
 * (the same as the pages' header, {@link Navigation}), and with Keycloak the single sign-out
 * ({@code logoutUrl}); with HTTP Basic there is none to offer; the banners of managers and
 * administrators ({@code alerts}).
 */
@RestController
@Tag(name = "Session")
public class SessionController {

    private static final String GROUP = "GROUP_";

    private final Environment environment;
    private final Navigation navigation;

    public SessionController(Environment environment, Navigation navigation) {
        this.environment = environment;
        this.navigation = navigation;
    }

    /**
     * The logged-in user, their groups, where to log out of every application at once, the links they
     * may follow, the banners to show them.
     */
    public record SessionJson(String user, List<String> groups, String logoutUrl, List<Navigation.Link> links,
                              List<Navigation.Alert> alerts) {
    }

    @Operation(summary = "Utilisateur connecté", description = "links : les pages que la personne peut ouvrir. Avec Keycloak, logoutUrl termine aussi la session Keycloak. alerts : les avertissements à afficher (gestionnaires et administrateurs), par exemple l'expiration du mot de passe du compte technique Chorus Pro.")
    @GetMapping("/api/session")
    public SessionJson session(Authentication authentication) {
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(GROUP))
                .map(authority -> authority.substring(GROUP.length()))
                .sorted()
                .toList();
        return new SessionJson(authentication.getName(), groups,
                environment.matchesProfiles("keycloak") ? "/logout" : null, navigation.offered(authentication),
                navigation.alerts(authentication));
    }
}
