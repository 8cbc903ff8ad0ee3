package fr.facteur.invoice;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.TemporalAdjusters;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an invoice's dossier is kept once the invoice reached a final state. The default is the
 * French rule for accounting documents: ten years (Code de commerce, L123-22), counted from the end
 * of the year (the close of the financial year) of the payment, or of the final state when unpaid.
 * Past that day the dossier may be destroyed — by a person: Facteur only lists it.
 *
 * @param period        how long after the start
 * @param fromEndOfYear count from 31 December of the year of the payment or final state (true), or
 *                      from that day itself
 */
@ConfigurationProperties(prefix = "facteur.retention")
public record RetentionProperties(
        @DefaultValue("P10Y") Period period,
        @DefaultValue("true") boolean fromEndOfYear) {

    public RetentionProperties {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("facteur.retention.period : « " + period + " » doit être une durée positive");
        }
    }

    /** The last day the dossier must be kept, for an invoice paid (or ended) on {@code endedOn}. */
    public LocalDate retainUntil(LocalDate endedOn) {
        LocalDate start = fromEndOfYear ? endedOn.with(TemporalAdjusters.lastDayOfYear()) : endedOn;
        return start.plus(period);
    }
}
