package fr.facteur.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The links of the pages' header, as the person may follow them: the overview and the lists for
 * managers (and administrators), the upload page for those who work the invoices, the single
 * sign-out with Keycloak. A link that would answer "accès refusé" is not shown.
 */
@ControllerAdvice(assignableTypes = {OverviewController.class, UploadPage.class})
public class Navigation {

    private static final String ADMIN = "GROUP_camunda-admin";

    private final Environment environment;

    public Navigation(Environment environment) {
        this.environment = environment;
    }

    /** What the header shows. */
    public record Links(boolean overview, boolean upload, boolean logout) {
    }

    @ModelAttribute("nav")
    public Links links(Authentication authentication) {
        Set<String> groups = authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return new Links(groups.contains("GROUP_managers") || groups.contains(ADMIN),
                groups.contains("GROUP_valideurs") || groups.contains("GROUP_comptables") || groups.contains(ADMIN),
                environment.matchesProfiles("keycloak"));
    }
}
