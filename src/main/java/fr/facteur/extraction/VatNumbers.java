package fr.facteur.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intra-EU VAT identification numbers. French ones carry a key over the SIREN,
 * {@code (12 + 3 × (SIREN mod 97)) mod 97}, checked here; other countries are checked by shape.
 */
public final class VatNumbers {

    private static final String COUNTRIES = "(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|NO|PL|PT|RO|SE|SI|SK|XI)";
    private static final Pattern CANDIDATE = Pattern.compile(
            "\\b(" + COUNTRIES + ")"
                    + "[ \\u00a0.\\-]?([0-9A-Z](?:[ \\u00a0.]?[0-9A-Z]){7,13})\\b");
    /** Full lengths (country code included) where a country has a single one. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(Map.entry("FR", 13), Map.entry("DE", 11),
            Map.entry("BE", 12), Map.entry("NL", 14), Map.entry("IT", 13), Map.entry("ES", 11), Map.entry("AT", 11),
            Map.entry("LU", 10), Map.entry("DK", 10), Map.entry("HU", 10), Map.entry("HR", 13), Map.entry("PT", 11),
            Map.entry("PL", 12), Map.entry("FI", 10), Map.entry("SE", 14), Map.entry("SI", 10));
    private static final Pattern FRENCH = Pattern.compile("FR([0-9A-HJ-NP-Z]{2})(\\d{9})");

    private VatNumbers() {
    }

    /** Without spaces, dots or dashes, upper case; null when blank. */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String compact = value.replaceAll("[\\s\\u00a0.\\-]", "").toUpperCase(Locale.ROOT);
        return compact.isEmpty() ? null : compact;
    }

    /** Whether it has the shape of a VAT number, with a correct key for French ones. */
    public static boolean isValid(String value) {
        String vat = normalize(value);
        if (vat == null || !vat.matches(COUNTRIES + "[0-9A-Z]{8,12}") || !vat.substring(2).matches(".*\\d.*")) {
            return false;
        }
        if (vat.startsWith("FR")) {
            return isValidFrench(vat);
        }
        return true;
    }

    static boolean isValidFrench(String vat) {
        Matcher matcher = FRENCH.matcher(vat);
        if (!matcher.matches()) {
            return false;
        }
        String key = matcher.group(1);
        long siren = Long.parseLong(matcher.group(2));
        if (!key.matches("\\d{2}")) {
            return true; // the alphanumeric keys of new companies have no public formula
        }
        return Integer.parseInt(key) == (12 + 3 * (siren % 97)) % 97;
    }

    /** The SIREN inside a French VAT number, or null. */
    public static String siren(String value) {
        String vat = normalize(value);
        return vat != null && vat.matches("FR[0-9A-Z]{2}\\d{9}") ? vat.substring(4) : null;
    }

    /** Every VAT-shaped number in a text, normalised, in reading order (valid or not). */
    public static List<String> findAll(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            String vat = normalize(matcher.group());
            Integer length = LENGTHS.get(vat.substring(0, 2));
            if (length != null && vat.length() > length) {
                vat = vat.substring(0, length); // the match ran into the next printed number
            }
            if (vat.length() >= 10 && vat.length() <= 14 && vat.substring(2).chars().filter(Character::isDigit).count() >= 6
                    && !found.contains(vat)) {
                found.add(vat);
            }
        }
        return found;
    }
}
