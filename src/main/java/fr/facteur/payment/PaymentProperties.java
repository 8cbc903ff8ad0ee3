package fr.facteur.payment;

import fr.facteur.identifiers.Siret;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The délai global de paiement and late-payment rules of the Code de la commande publique
 * (articles R2192-10 and following, R2192-31 to R2192-36).
 *
 * @param deadlineDays         the delay when the entity type is unknown (30 days)
 * @param deadlineDaysByType   delay per entity type (State and local authorities 30, public health
 *                             establishments 50, public companies 60)
 * @param entityTypes          the entity type of our buyer structures, by SIRET (14 digits) or by
 *                             SIREN (9 digits, every establishment of the entity): Chorus Pro does not
 *                             say it; a buyer not listed gets {@code deadlineDays}
 * @param ecbRates             the ECB main refinancing rate in percent, by the day each rate took
 *                             effect ({@code 2025-06-11: 2.15}): late interest uses the rate in force
 *                             on the first day of the half-year in which it started to run (R2192-31);
 *                             add each change the ECB decides
 * @param penaltyPoints        points added to the ECB rate (8)
 * @param flatFee              the flat recovery fee per late invoice (40 €)
 * @param warningBefore        how long before the deadline the managers are warned
 */
@ConfigurationProperties(prefix = "facteur.payment")
public record PaymentProperties(
        @DefaultValue("30") int deadlineDays,
        @DefaultValue Map<String, Integer> deadlineDaysByType,
        @DefaultValue Map<String, String> entityTypes,
        @DefaultValue Map<String, BigDecimal> ecbRates,
        @DefaultValue("8") BigDecimal penaltyPoints,
        @DefaultValue("40.00") BigDecimal flatFee,
        @DefaultValue("P5D") Period warningBefore) {

    public PaymentProperties {
        ecbRates = Map.copyOf(ecbRates);
        ecbRates.forEach((day, rate) -> {
            try {
                LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("facteur.payment.ecb-rates: « " + day
                        + " » n'est pas une date AAAA-MM-JJ (le jour où le taux a pris effet)");
            }
            if (rate == null || rate.signum() < 0) {
                throw new IllegalArgumentException("facteur.payment.ecb-rates." + day + " : taux « " + rate
                        + " » invalide (un pourcentage, par exemple 2.15)");
            }
        });
        entityTypes.forEach((identifier, type) -> {
            if (!identifier.matches("\\d{9}|\\d{14}")) {
                throw new IllegalArgumentException("facteur.payment.entity-types: « " + identifier
                        + " » n'est ni un SIRET (14 chiffres) ni un SIREN (9 chiffres)");
            }
            if (!deadlineDaysByType.containsKey(type)) {
                throw new IllegalArgumentException("facteur.payment.entity-types." + identifier + " : type « " + type
                        + " » sans délai dans facteur.payment.deadline-days-by-type " + deadlineDaysByType.keySet());
            }
        });
    }

    /**
     * The ECB rate that applies to late interest which started to run on {@code interestStarts}: the
     * rate in force on the first day of that half-year (1 January or 1 July).
     *
     * @throws IllegalStateException when the table has no rate on or before that day
     */
    public BigDecimal ecbRateFor(LocalDate interestStarts) {
        LocalDate halfYear = LocalDate.of(interestStarts.getYear(), interestStarts.getMonthValue() <= 6 ? 1 : 7, 1);
        Map.Entry<LocalDate, BigDecimal> inForce = ecbRateTable().floorEntry(halfYear);
        if (inForce == null) {
            throw new IllegalStateException("Aucun taux BCE en vigueur le " + halfYear
                    + " dans facteur.payment.ecb-rates : ajoutez le taux de cette date pour calculer les intérêts moratoires");
        }
        return inForce.getValue();
    }

    private NavigableMap<LocalDate, BigDecimal> ecbRateTable() {
        NavigableMap<LocalDate, BigDecimal> table = new TreeMap<>();
        ecbRates.forEach((day, rate) -> table.put(LocalDate.parse(day), rate));
        return table;
    }

    public int deadlineDaysFor(String entityType) {
        return entityType == null ? deadlineDays : deadlineDaysByType.getOrDefault(entityType, deadlineDays);
    }

    /** The entity type of a buyer: its SIRET's, else its SIREN's; null when not configured. */
    public String entityTypeOf(String buyerSiret) {
        String siret = Siret.normalize(buyerSiret);
        if (siret == null) {
            return null;
        }
        String type = entityTypes.get(siret);
        return type != null || siret.length() < 9 ? type : entityTypes.get(siret.substring(0, 9));
    }

    /**
     * The configured buyers' delays as a JSON object for SQL ({@code {"26450000100018": 50}}),
     * read with {@code ->> buyer_siret}, then {@code ->> left(buyer_siret, 9)}; the keys are digits.
     */
    public String deadlineDaysByBuyerJson() {
        return entityTypes.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": " + deadlineDaysFor(entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
