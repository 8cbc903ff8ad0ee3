package fr.facteur.chorus.emulator;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/** The shapes of the emulator's answers: success labels, functional errors, date formats. */
final class EmulatorAnswers {

    static final String SUCCESS_LABEL = "TRA_MSG_00.000";
    static final DateTimeFormatter HISTORY_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private EmulatorAnswers() {
    }

    /** A functional refusal: HTTP 400 with {@code codeRetour} and {@code libelle}, as Chorus Pro does. */
    static ResponseEntity<Object> refuse(int code, String libelle) {
        return ResponseEntity.badRequest().body(Map.of("codeRetour", code, "libelle", libelle));
    }

    static String dateTime(OffsetDateTime value) {
        return value == null ? null : value.atZoneSameInstant(fr.facteur.chorus.ChorusDates.PARIS)
                .toOffsetDateTime().toString();
    }
}
