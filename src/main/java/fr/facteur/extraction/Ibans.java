package fr.facteur.extraction;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IBANs, checked with ISO 13616 mod 97 and, for common countries, their length. */
public final class Ibans {

    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("FR", 27), Map.entry("DE", 22), Map.entry("BE", 16), Map.entry("ES", 24), Map.entry("IT", 27),
            Map.entry("NL", 18), Map.entry("LU", 20), Map.entry("CH", 21), Map.entry("GB", 22), Map.entry("AT", 20),
            Map.entry("PT", 25), Map.entry("MC", 27), Map.entry("DK", 18), Map.entry("NO", 15), Map.entry("SE", 24),
            Map.entry("IE", 22), Map.entry("PL", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("FI", 18));
    private static final Pattern CANDIDATE = Pattern.compile("\\b([A-Z]{2}\\d{2}(?:[ \\u00a0]?[0-9A-Z]){11,30})\\b");

    private Ibans() {
    }

    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String compact = value.replaceAll("[\\s\\u00a0\\-]", "").toUpperCase(Locale.ROOT);
        return compact.isEmpty() ? null : compact;
    }

    public static boolean isValid(String value) {
        String iban = normalize(value);
        if (iban == null || !iban.matches("[A-Z]{2}\\d{2}[0-9A-Z]{11,30}")) {
            return false;
        }
        Integer length = LENGTHS.get(iban.substring(0, 2));
        if (length != null && iban.length() != length) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** Every valid IBAN in a text (tolerating the spaces of the printed groups). */
    public static List<String> findAll(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text.toUpperCase(Locale.ROOT));
        while (matcher.find()) {
            String candidate = normalize(matcher.group(1));
            // the greedy match may swallow a following word: shorten until the checksum holds
            for (int end = candidate.length(); end >= 15; end--) {
                String prefix = candidate.substring(0, end);
                if (isValid(prefix)) {
                    if (!found.contains(prefix)) {
                        found.add(prefix);
                    }
                    break;
                }
            }
        }
        return found;
    }
}
