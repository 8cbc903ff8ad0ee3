package fr.facteur.purchasing;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param amountTolerance  how far an invoice may exceed an order's remaining balance and still match
 *                         (absolute, in the invoice currency)
 * @param seedDemoOrders   create a few demo purchase orders in an empty referential (default run)
 */
@ConfigurationProperties(prefix = "facteur.purchasing")
public record PurchasingProperties(@DefaultValue("1.00") BigDecimal amountTolerance,
                                   @DefaultValue("false") boolean seedDemoOrders) {
}
