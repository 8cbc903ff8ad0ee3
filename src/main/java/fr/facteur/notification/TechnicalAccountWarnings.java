package fr.facteur.notification;

import fr.facteur.chorus.ChorusDates;
import fr.facteur.chorus.TechnicalAccountExpiry;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the administrators ({@code facteur.mail.administrators}) by e-mail that the Chorus Pro technical
 * account's password is about to expire: 15 days before, again 7 days before, the day before, and once
 * expired — one mail per stage whatever the number of nodes ({@link Notifications#sendOnce}). Checked five
 * seconds after the application starts and every hour; the same warning shows as a banner in Cockpit and on the
 * overview, and in {@code /actuator/health}.
 */
@Component
public class TechnicalAccountWarnings {

    private static final Logger log = LoggerFactory.getLogger(TechnicalAccountWarnings.class);

    private final TechnicalAccountExpiry expiry;
    private final Notifications notifications;
    private final MailProperties properties;
    /** The last stage this node could not send, so that the log says it once, not every hour. */
    private final AtomicReference<String> unsentLogged = new AtomicReference<>();

    public TechnicalAccountWarnings(TechnicalAccountExpiry expiry, Notifications notifications,
                                    MailProperties properties) {
        this.expiry = expiry;
        this.notifications = notifications;
        this.properties = properties;
    }

    /** Shortly after the start (off the starting thread: Chorus Pro may be slow to answer), then every hour. */
    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT1H")
    public void check() {
        expiry.refresh();
        try {
            check(LocalDate.now(ChorusDates.PARIS));
        } catch (MailException e) {
            log.warn("The warning about the Chorus Pro technical password could not be mailed (tried again in "
                    + "an hour): {}", e.getMessage());
        }
    }

    /** The warning due on {@code today}, mailed unless this stage was mailed already; empty when none is due. */
    public Optional<Notifications.Outcome> check(LocalDate today) {
        return expiry.warning(today).map(warning -> {
            String key = "chorus-technical-password:" + warning.expiresOn() + ":" + warning.stage();
            Notifications.Outcome outcome = notifications.sendOnce(key, properties.administrators(),
                    warning.subject(), body(warning));
            if (outcome == Notifications.Outcome.NOT_CONFIGURED && !key.equals(unsentLogged.getAndSet(key))) {
                log.warn("{} (not mailed: {})", warning.message(), notifications.canSend()
                        ? "no address in facteur.mail.administrators" : "no SMTP server, spring.mail.host");
            }
            return outcome;
        });
    }

    private static String body(TechnicalAccountExpiry.Warning warning) {
        return "Bonjour,\n\n" + warning.message() + "\n\n"
                + "Le compte technique est celui que Facteur utilise pour appeler l'API Chorus Pro (facteur.chorus.login). "
                + "Son mot de passe se renouvelle dans Chorus Pro (espace « Connexions API », compte technique), puis "
                + "dans la configuration de Facteur, sur chaque nœud, suivi d'un redémarrage.\n\n"
                + "Ce message est envoyé 15 jours, 7 jours et la veille de l'expiration, puis une fois expiré. "
                + "Le même avertissement s'affiche dans Cockpit et sur l'aperçu des factures.\n\n"
                + "— Facteur\n";
    }
}
