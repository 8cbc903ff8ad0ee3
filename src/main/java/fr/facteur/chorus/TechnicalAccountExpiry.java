package fr.facteur.chorus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Chorus Pro technical account's password expires (every year, by Chorus Pro's rule): from
 * {@value #WARNING_DAYS} days before its day ({@code facteur.chorus.password-expires-on}) the
 * administrators are told, in stages (15 days, 7 days, the day before, expired) so that a reminder
 * follows the first notice. After that day every call to Chorus Pro is refused: the relève and the
 * status pushes stop.
 */
@Component
public class TechnicalAccountExpiry {

    public static final int WARNING_DAYS = 15;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ChorusProperties properties;

    public TechnicalAccountExpiry(ChorusProperties properties) {
        this.properties = properties;
    }

    /** The stage of a warning: each is told once. */
    public enum Stage {
        FIFTEEN_DAYS, SEVEN_DAYS, DAY_BEFORE, EXPIRED;

        static Stage of(long daysLeft) {
            return daysLeft < 0 ? EXPIRED : daysLeft <= 1 ? DAY_BEFORE : daysLeft <= 7 ? SEVEN_DAYS : FIFTEEN_DAYS;
        }
    }

    /** The password expires on {@code expiresOn}, {@code daysLeft} days after today (negative: expired). */
    public record Warning(LocalDate expiresOn, long daysLeft, Stage stage) {

        /** What the administrators read, in French. */
        public String message() {
            String day = DAY.format(expiresOn);
            if (daysLeft < 0) {
                return "Le mot de passe du compte technique Chorus Pro a expiré le " + day
                        + " : Chorus Pro refuse la relève et les envois de statuts jusqu'à son renouvellement.";
            }
            String when = daysLeft == 0 ? "aujourd'hui, le " + day
                    : daysLeft == 1 ? "demain, le " + day
                    : "dans " + daysLeft + " jours, le " + day;
            return "Le mot de passe du compte technique Chorus Pro expire " + when
                    + " : faites-le renouveler par le gestionnaire principal de la structure dans Chorus Pro, puis "
                    + "mettez à jour facteur.chorus.password et facteur.chorus.password-expires-on.";
        }

        /** A mail subject: short, with the day. */
        public String subject() {
            return daysLeft < 0
                    ? "Facteur : le mot de passe du compte technique Chorus Pro a expiré le " + DAY.format(expiresOn)
                    : "Facteur : le mot de passe du compte technique Chorus Pro expire le " + DAY.format(expiresOn);
        }
    }

    /** The warning due on {@code today}; empty when no expiry day is configured or it is more than 15 days away. */
    public Optional<Warning> warning(LocalDate today) {
        LocalDate expiresOn = properties.passwordExpiresOn();
        if (expiresOn == null) {
            return Optional.empty();
        }
        long daysLeft = ChronoUnit.DAYS.between(today, expiresOn);
        return daysLeft > WARNING_DAYS ? Optional.empty()
                : Optional.of(new Warning(expiresOn, daysLeft, Stage.of(daysLeft)));
    }
}
