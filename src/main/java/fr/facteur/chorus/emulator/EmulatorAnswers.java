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

    /** The page a client asked for, within the emulator's page size limit (Chorus decides the size). */
    record PageRequest(int page, int size) {

        static PageRequest of(fr.facteur.chorus.api.Common.ParamRecherche param, int maxPageSize) {
            int page = param == null || param.pageResultatDemandee() == null ? 1 : Math.max(1, param.pageResultatDemandee());
            int asked = param == null || param.nbResultatsParPage() == null ? 10 : param.nbResultatsParPage();
            return new PageRequest(page, Math.max(1, Math.min(asked, maxPageSize)));
        }

        int offset() {
            return (page - 1) * size;
        }

        int pages(long total) {
            return (int) ((total + size - 1) / size);
        }
    }

    static String dateTime(OffsetDateTime value) {
        return value == null ? null : value.atZoneSameInstant(fr.facteur.chorus.ChorusDates.PARIS)
                .toOffsetDateTime().toString();
    }
}
