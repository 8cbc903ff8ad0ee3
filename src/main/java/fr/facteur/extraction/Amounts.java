package fr.facteur.extraction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money amounts as printed on French and European invoices: {@code 1 234,56 €}, {@code 1.234,56},
 * {@code 1,234.56}, {@code 1234.56}, {@code -12,00}. The last separator followed by one or two
 * digits is the decimal one; a lone separator followed by exactly three digits groups thousands.
 */
public final class Amounts {

    /** A number with optional sign, thousands groups (space, dot, comma, apostrophe) and decimals. */
    static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\d.,])-?\\s?\\d{1,3}(?:[ \\u00a0\\u202f.,']\\d{3})*(?:[.,]\\d{1,2})?(?![\\d%])|(?<![\\d.,])-?\\d+(?:[.,]\\d{1,2})?(?![\\d%])");

    private Amounts() {
    }

    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String cleaned = text.strip()
                .replaceAll("(?i)(eur|euros?|€|\\$|£|chf|gbp|usd)", "")
                .replaceAll("[\\s\\u00a0\\u202f']", "");
        boolean negative = cleaned.startsWith("-") || (cleaned.startsWith("(") && cleaned.endsWith(")"));
        cleaned = cleaned.replaceAll("[()+-]", "");
        if (!cleaned.matches("[\\d.,]*\\d[\\d.,]*")) {
            return Optional.empty();
        }
        int lastDot = cleaned.lastIndexOf('.');
        int lastComma = cleaned.lastIndexOf(',');
        int decimalAt = -1;
        if (lastDot >= 0 && lastComma >= 0) {
            decimalAt = Math.max(lastDot, lastComma);
        } else if (lastDot >= 0 || lastComma >= 0) {
            char separator = lastDot >= 0 ? '.' : ',';
            int at = Math.max(lastDot, lastComma);
            int digitsAfter = cleaned.length() - at - 1;
            boolean single = cleaned.indexOf(separator) == at;
            if (single && digitsAfter >= 1 && digitsAfter <= 2) {
                decimalAt = at;
            } else if (digitsAfter != 3) {
                return Optional.empty();
            }
        }
        String integerPart = (decimalAt < 0 ? cleaned : cleaned.substring(0, decimalAt)).replaceAll("[.,]", "");
        String decimals = decimalAt < 0 ? "" : cleaned.substring(decimalAt + 1);
        if (integerPart.isEmpty() || decimals.contains(".") || decimals.contains(",")) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(integerPart + (decimals.isEmpty() ? "" : "." + decimals));
        return Optional.of(negative ? value.negate() : value);
    }

    /** Every amount printed on a line, left to right. */
    public static List<BigDecimal> findAll(String line) {
        List<BigDecimal> found = new ArrayList<>();
        Matcher matcher = AMOUNT.matcher(line);
        while (matcher.find()) {
            parse(matcher.group()).ifPresent(found::add);
        }
        return found;
    }

    /** The canonical text of an amount: plain decimal, dot separator, at least two decimals. */
    public static String format(BigDecimal amount) {
        BigDecimal scaled = amount.scale() < 2 ? amount.setScale(2) : amount.stripTrailingZeros();
        if (scaled.scale() < 2) {
            scaled = scaled.setScale(2);
        }
        return scaled.toPlainString();
    }
}
