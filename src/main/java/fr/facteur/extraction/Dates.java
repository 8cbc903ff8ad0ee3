package fr.facteur.extraction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as printed on invoices: {@code 12/03/2025}, {@code 12.03.2025}, {@code 12-03-25},
 * {@code 12 mars 2025}, {@code 1er mars 2025}, {@code 5. März 2024}, {@code 5 March 2024},
 * {@code 2025-03-12}, {@code 20250312} (CII format 102). Numeric dates are read day first.
 */
public final class Dates {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("janv", 1), Map.entry("january", 1), Map.entry("jan", 1),
            Map.entry("januar", 1), Map.entry("jänner", 1),
            Map.entry("février", 2), Map.entry("fevrier", 2), Map.entry("févr", 2), Map.entry("fevr", 2),
            Map.entry("fév", 2), Map.entry("february", 2), Map.entry("feb", 2), Map.entry("februar", 2),
            Map.entry("mars", 3), Map.entry("march", 3), Map.entry("mar", 3), Map.entry("märz", 3),
            Map.entry("maerz", 3),
            Map.entry("avril", 4), Map.entry("avr", 4), Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("mai", 5), Map.entry("may", 5),
            Map.entry("juin", 6), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("juni", 6),
            Map.entry("juillet", 7), Map.entry("juil", 7), Map.entry("july", 7), Map.entry("jul", 7),
            Map.entry("juli", 7),
            Map.entry("août", 8), Map.entry("aout", 8), Map.entry("august", 8), Map.entry("aug", 8),
            Map.entry("septembre", 9), Map.entry("sept", 9), Map.entry("september", 9), Map.entry("sep", 9),
            Map.entry("octobre", 10), Map.entry("oct", 10), Map.entry("october", 10), Map.entry("oktober", 10),
            Map.entry("okt", 10),
            Map.entry("novembre", 11), Map.entry("nov", 11), Map.entry("november", 11),
            Map.entry("décembre", 12), Map.entry("decembre", 12), Map.entry("déc", 12), Map.entry("dec", 12),
            Map.entry("december", 12), Map.entry("dezember", 12), Map.entry("dez", 12));

    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.,/])(\\d{1,2})\\s?[/.\\-]\\s?(\\d{1,2})\\s?[/.\\-]\\s?(\\d{4}|\\d{2})(?!\\d|[.,]\\d)");
    private static final Pattern WORDS = Pattern.compile(
            "(?<!\\d)(\\d{1,2})(?:er|st|nd|rd|th)?\\.?\\s+([A-Za-zÀ-ÿ]{3,9})\\.?\\s+(\\d{4})(?!\\d)");
    private static final Pattern WORDS_MONTH_FIRST = Pattern.compile(
            "\\b([A-Za-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");
    private static final Pattern COMPACT = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})$");

    /** A date found in a text, with where it starts. */
    public record Found(LocalDate date, int start) {
    }

    private Dates() {
    }

    /** The date the whole text stands for (an XML value or a form field). */
    public static Optional<LocalDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        Matcher compact = COMPACT.matcher(trimmed);
        if (compact.matches()) {
            return date(compact.group(1), compact.group(2), compact.group(3));
        }
        if (trimmed.length() >= 10 && ISO.matcher(trimmed.substring(0, 10)).matches()) {
            return date(trimmed.substring(0, 4), trimmed.substring(5, 7), trimmed.substring(8, 10));
        }
        List<Found> all = findAll(trimmed);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).date());
    }

    /** Every date printed in a text, in reading order. */
    public static List<Found> findAll(String text) {
        List<Found> found = new ArrayList<>();
        Matcher iso = ISO.matcher(text);
        while (iso.find()) {
            date(iso.group(1), iso.group(2), iso.group(3)).ifPresent(d -> found.add(new Found(d, iso.start())));
        }
        Matcher numeric = NUMERIC.matcher(text);
        while (numeric.find()) {
            String year = numeric.group(3).length() == 2 ? "20" + numeric.group(3) : numeric.group(3);
            date(year, numeric.group(2), numeric.group(1)).ifPresent(d -> found.add(new Found(d, numeric.start())));
        }
        Matcher words = WORDS.matcher(text);
        while (words.find()) {
            Integer month = month(words.group(2));
            if (month != null) {
                date(words.group(3), String.valueOf(month), words.group(1))
                        .ifPresent(d -> found.add(new Found(d, words.start())));
            }
        }
        Matcher monthFirst = WORDS_MONTH_FIRST.matcher(text);
        while (monthFirst.find()) {
            Integer month = month(monthFirst.group(1));
            if (month != null) {
                date(monthFirst.group(3), String.valueOf(month), monthFirst.group(2))
                        .ifPresent(d -> found.add(new Found(d, monthFirst.start())));
            }
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    private static Integer month(String name) {
        return MONTHS.get(name.toLowerCase(Locale.ROOT));
    }

    private static Optional<LocalDate> date(String year, String month, String day) {
        try {
            int y = Integer.parseInt(year);
            if (y < 1990 || y > 2100) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
