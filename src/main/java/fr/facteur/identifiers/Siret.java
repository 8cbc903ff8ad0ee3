package fr.facteur.identifiers;

/**
 * French company identifiers: SIREN (9 digits) and SIRET (SIREN + 5-digit NIC), both checked with
 * the Luhn algorithm — except La Poste's establishments (SIREN 356 000 000), whose SIRET digits
 * sum to a multiple of 5 instead.
 */
public final class Siret {

    private static final String LA_POSTE_SIREN = "356000000";

    private Siret() {
    }

    /** The digits alone ("732 829 320 00074" → "73282932000074"), or null when blank. */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[\\s.\\u00a0-]", "");
        return digits.isEmpty() ? null : digits;
    }

    public static boolean isValidSiret(String value) {
        String digits = normalize(value);
        if (digits == null || !digits.matches("\\d{14}")) {
            return false;
        }
        if (digits.startsWith(LA_POSTE_SIREN) && !digits.equals(LA_POSTE_SIREN + "00012")) {
            return digits.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return luhn(digits);
    }

    public static boolean isValidSiren(String value) {
        String digits = normalize(value);
        return digits != null && digits.matches("\\d{9}") && luhn(digits);
    }

    /**
     * True when {@code vat} is the French VAT number of this SIREN (or of the SIRET's SIREN): "FR",
     * the key (12 + 3 × (SIREN mod 97)) mod 97 on two digits, the SIREN. A VAT number of another
     * country is not a French one: false.
     */
    public static boolean isFrenchVatOf(String vat, String siretOrSiren) {
        String number = vat == null ? null : vat.replaceAll("[\\s.\\u00a0-]", "").toUpperCase(java.util.Locale.ROOT);
        String digits = normalize(siretOrSiren);
        if (number == null || digits == null || !digits.matches("\\d{9}(\\d{5})?") || !number.matches("FR\\d{11}")) {
            return false;
        }
        String siren = digits.substring(0, 9);
        int key = (int) ((12 + 3 * (Long.parseLong(siren) % 97)) % 97);
        return number.equals("FR" + String.format("%02d", key) + siren);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
