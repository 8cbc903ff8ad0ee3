package fr.facteur.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How amounts and days are written for people, everywhere: "1 234,56 €", "03/12/2026". */
public final class FrenchText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private FrenchText() {
    }

    /** "1 234,56 €" (French grouping with a plain space, decimal comma); null for an unknown amount. */
    public static String euros(BigDecimal value) {
        if (value == null) {
            return null;
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.FRANCE));
        return format.format(value.setScale(2, RoundingMode.HALF_UP)).replace('\u202f', ' ').replace('\u00a0', ' ')
                + " €";
    }

    /** "03/12/2026"; null for no day. */
    public static String day(LocalDate day) {
        return day == null ? null : DAY.format(day);
    }
}
