package fr.facteur.chorus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Chorus Pro technical account's password expires (Chorus Pro asks for a new one every 14 months):
 * from {@value #WARNING_DAYS} days before its day the administrators are told, in stages (15 days, 7
 * days, the day before, expired) so that a reminder follows the first notice. After that day every
 * call to Chorus Pro is refused: the relève and the status pushes stop. The day is
 * {@code facteur.chorus.password-expires-on} when set, else the one Chorus Pro gives with the account's
 * structure ({@code dateExpirationMotPasseCompteTech}, read by {@link #refresh}, hourly): nobody has to
 * remember to write it down.
 */
@Component
public class TechnicalAccountExpiry {

    public static final int WARNING_DAYS = 15;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final Logger log = LoggerFactory.getLogger(TechnicalAccountExpiry.class);

    private final ChorusProperties properties;
    private final ChorusClient client;
    /** The day Chorus Pro last gave, null before it answered. */
    private final AtomicReference<LocalDate> fromChorus = new AtomicReference<>();

    public TechnicalAccountExpiry(ChorusProperties properties, ChorusClient client) {
        this.properties = properties;
        this.client = client;
    }

    /** Where the expiry day comes from. */
    public enum Source { CONFIGURATION, CHORUS_PRO }

    /** The day the password expires and where that day comes from; empty while unknown. */
    public record ExpiryDay(LocalDate day, Source source) {
    }

    public Optional<ExpiryDay> expiryDay() {
        if (properties.passwordExpiresOn() != null) {
            return Optional.of(new ExpiryDay(properties.passwordExpiresOn(), Source.CONFIGURATION));
        }
        return Optional.ofNullable(fromChorus.get()).map(day -> new ExpiryDay(day, Source.CHORUS_PRO));
    }

    /**
     * Reads the day from Chorus Pro (the first structure the technical account receives for, else emits
     * for) unless it is configured; Chorus Pro not answering keeps the day last read.
     */
    public void refresh() {
        if (properties.passwordExpiresOn() != null) {
            return;
        }
        try {
            List<Long> structures = client.recipientStructures().stream().map(s -> s.idStructureCPP()).toList();
            if (structures.isEmpty()) {
                structures = client.supplierStructures().stream().map(s -> s.idStructureCPP()).toList();
            }
            structures.stream().findFirst()
                    .map(id -> client.structure(id).informationGenerales())
                    .flatMap(info -> info == null ? Optional.empty() : ChorusDates.date(info.dateExpirationMotPasseCompteTech()))
                    .ifPresent(day -> {
                        if (!day.equals(fromChorus.getAndSet(day))) {
                            log.info("Chorus Pro: the technical account's password expires on {}", day);
                        }
                    });
        } catch (ChorusException e) {
            log.warn("Chorus Pro did not give the technical password's expiry day now: {}", e.getMessage());
        }
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

    /** The warning due on {@code today}; empty when the expiry day is unknown or more than 15 days away. */
    public Optional<Warning> warning(LocalDate today) {
        LocalDate expiresOn = expiryDay().map(ExpiryDay::day).orElse(null);
        if (expiresOn == null) {
            return Optional.empty();
        }
        long daysLeft = ChronoUnit.DAYS.between(today, expiresOn);
        return daysLeft > WARNING_DAYS ? Optional.empty()
                : Optional.of(new Warning(expiresOn, daysLeft, Stage.of(daysLeft)));
    }
}
