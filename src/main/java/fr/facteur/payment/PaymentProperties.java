package fr.facteur.payment;

import java.math.BigDecimal;
import java.time.Period;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The délai global de paiement and late-payment rules of the Code de la commande publique
 * (articles R2192-10 and following, R2192-31 to R2192-36).
 *
 * @param deadlineDays         the delay when the entity type is unknown (30 days)
 * @param deadlineDaysByType   delay per entity type (State and local authorities 30, public health
 *                             establishments 50, public companies 60)
 * @param ecbRate              the ECB main refinancing rate in percent, as published for the current
 *                             half-year
 * @param penaltyPoints        points added to the ECB rate (8)
 * @param flatFee              the flat recovery fee per late invoice (40 €)
 * @param warningBefore        how long before the deadline the managers are warned
 */
@ConfigurationProperties(prefix = "facteur.payment")
public record PaymentProperties(
        @DefaultValue("30") int deadlineDays,
        @DefaultValue Map<String, Integer> deadlineDaysByType,
        @DefaultValue("2.15") BigDecimal ecbRate,
        @DefaultValue("8") BigDecimal penaltyPoints,
        @DefaultValue("40.00") BigDecimal flatFee,
        @DefaultValue("P5D") Period warningBefore) {

    public int deadlineDaysFor(String entityType) {
        return entityType == null ? deadlineDays : deadlineDaysByType.getOrDefault(entityType, deadlineDays);
    }
}
