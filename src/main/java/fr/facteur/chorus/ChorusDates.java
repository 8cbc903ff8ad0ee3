package fr.facteur.chorus;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Chorus Pro writes dates several ways ({@code 2024-03-05}, {@code 2024-03-05 14:30},
 * {@code 2018-02-16T15:10:25.536+01:00}, …): read them all, write the forms the API expects.
 * Times without an offset are Paris time.
 */
public final class ChorusDates {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter REQUEST_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private ChorusDates() {
    }

    /** Lenient date-time; empty when absent or unreadable. */
    public static Optional<OffsetDateTime> dateTime(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return Optional.of(LocalDateTime.parse(text).atZone(PARIS).toOffsetDateTime());
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return Optional.of(LocalDateTime.parse(text, SPACED).atZone(PARIS).toOffsetDateTime());
        } catch (DateTimeParseException ignored) {
            // next
        }
        return date(text).map(d -> d.atStartOfDay(PARIS).toOffsetDateTime());
    }

    /** Lenient date: the first ten characters of any of the forms above. */
    public static Optional<LocalDate> date(String value) {
        if (value == null || value.trim().length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim().substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The form sent in {@code periodeDateHeureEtatCourantDu/Au}: Paris local time, to the second. */
    public static String requestDateTime(OffsetDateTime value) {
        return value.atZoneSameInstant(PARIS).format(REQUEST_DATE_TIME);
    }
}
