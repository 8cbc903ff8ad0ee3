package fr.facteur.web;

import fr.facteur.chorus.ChorusDates;
import fr.facteur.chorus.TechnicalAccountExpiry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * sign-out with Keycloak. A link that would answer "accès refusé" is not shown. The Camunda webapps
 * (Tasklist's header, Cockpit's dashboard, the welcome page) show the same links, read from
 * {@code /api/session} ({@link #offered}), and the banners ({@link #alerts}).
 */
@ControllerAdvice(assignableTypes = {OverviewController.class, UploadPage.class})
public class Navigation {

    private static final String ADMIN = "GROUP_camunda-admin";

    private final Environment environment;
    private final TechnicalAccountExpiry technicalAccountExpiry;

    public Navigation(Environment environment, TechnicalAccountExpiry technicalAccountExpiry) {
        this.environment = environment;
        this.technicalAccountExpiry = technicalAccountExpiry;
    }

    /** A banner for those who run the platform: {@code level} is {@code warning} or {@code danger}. */
    public record Alert(String level, String message) {
    }

    /**
     * The banners of the pages' header and of Cockpit's dashboard, for managers and administrators (those
     * who see the overview): the Chorus Pro technical password about to expire or expired.
     */
    @ModelAttribute("alerts")
    public List<Alert> alerts(Authentication authentication) {
        if (!links(authentication).overview()) {
            return List.of();
        }
        return technicalAccountExpiry.warning(LocalDate.now(ChorusDates.PARIS))
                .map(warning -> new Alert(warning.daysLeft() < 0 ? "danger" : "warning", warning.message()))
                .stream().toList();
    }

    /** What the header shows. */
    public record Links(boolean overview, boolean upload, boolean logout) {
    }

    /** A link offered to the person, for the webapps' scripts. */
    public record Link(String label, String href, String description) {
    }

    /** The links of {@link #links} as the webapps show them (the sign-out is offered apart). */
    public List<Link> offered(Authentication authentication) {
        Links links = links(authentication);
        List<Link> offered = new ArrayList<>();
        if (links.overview()) {
            offered.add(new Link("Aperçu des factures", "/apercu/",
                    "Où en sont les factures reçues : statuts, retards, litiges, listes et exports CSV"));
            offered.add(new Link("Factures en retard", "/apercu/factures?liste=en-retard",
                    "Les factures dont le délai global de paiement est dépassé"));
        }
        if (links.upload()) {
            offered.add(new Link("Déposer une facture", "/televersement/",
                    "Téléverser une facture reçue (PDF, image, Factur-X, UBL, CII)"));
        }
        return offered;
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
