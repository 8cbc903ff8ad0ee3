package fr.facteur.web;

import fr.facteur.chorus.ChorusStatus;
import fr.facteur.chorus.LifecycleStatus;
import fr.facteur.invoice.FrenchText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * How our pages write what they show, in one place: moments in Paris time whatever the server's zone
 * or the value's offset ("03/12/2026 22:16:06"), days as jj/mm/aaaa, amounts as "1 070,46 €", Chorus
 * Pro statuses by their French label. Templates call it as {@code ${@formats.moment(…)}}.
 */
@Component("formats")
public class PageFormats {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    /** "03/12/2026 22:16:06", Paris time; empty for none. */
    public String moment(OffsetDateTime at) {
        return at == null ? "" : SECOND.format(at.atZoneSameInstant(PARIS));
    }

    /** "03/12/2026 22:16", Paris time; empty for none. */
    public String minute(OffsetDateTime at) {
        return at == null ? "" : MINUTE.format(at.atZoneSameInstant(PARIS));
    }

    /** "03/12/2026 22:16", Paris time, for the engine's dates; null for none. */
    public static String minute(Date at) {
        return at == null ? null : MINUTE.format(at.toInstant().atZone(PARIS));
    }

    /** "03/12/2026"; empty for none. */
    public String day(LocalDate day) {
        return day == null ? "" : FrenchText.day(day);
    }

    /** "1 234,56 €"; null for an unknown amount. */
    public static String amount(BigDecimal value) {
        return FrenchText.euros(value);
    }

    /** For templates: "1 234,56 €", or "—" for none. */
    public String euros(BigDecimal value) {
        return value == null ? "—" : amount(value);
    }

    /** "Mise à disposition" for {@code MISE_A_DISPOSITION}; a status we do not know as Chorus Pro sent it. */
    public static String chorusStatus(String code) {
        return code == null ? "" : ChorusStatus.of(code).map(ChorusStatus::label).orElse(code);
    }

    public String chorus(String code) {
        return chorusStatus(code);
    }

    /** The reform's lifecycle status of a Chorus Pro status ({@code 205 Approuvée}), or null. */
    public LifecycleStatus.Json lifecycle(String chorusCode) {
        return LifecycleStatus.ofChorus(chorusCode);
    }

    /** How the document was read, in words. */
    public String readingSource(String source) {
        if (source == null) {
            return "";
        }
        return switch (source) {
            case "FACTURX" -> "Factur-X (données structurées)";
            case "ZUGFERD" -> "ZUGFeRD (données structurées)";
            case "CII" -> "XML CII (données structurées)";
            case "UBL" -> "XML UBL (données structurées)";
            case "PIVOT" -> "fichier PIVOT de Chorus Pro (données structurées)";
            case "TEXT" -> "texte du PDF";
            case "OCR" -> "OCR (image ou scan)";
            default -> source;
        };
    }
}
