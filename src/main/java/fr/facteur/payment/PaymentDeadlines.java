package fr.facteur.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The délai global de paiement: it runs from the day the invoice was received (for Chorus Pro,
 * the day it was made available), stops while the invoice is suspended and starts again when the
 * supplier completes it; paying late costs interest at the ECB rate plus 8 points (the rate in force on
 * the first day of the half-year in which the interest started to run), and a flat 40 €.
 */
@Service
public class PaymentDeadlines {

    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PaymentProperties properties;

    public PaymentDeadlines(PaymentProperties properties) {
        this.properties = properties;
    }

    /** A suspension of the delay; {@code to} is null while it lasts. */
    public record Suspension(LocalDate from, LocalDate to) {
    }

    /**
     * @param dueOn          the last day to pay, or null while a suspension lasts
     * @param suspendedDays  days the delay was stopped (finished suspensions)
     */
    public record Deadline(LocalDate dueOn, long suspendedDays, boolean paused) {
    }

    /** The deadline of an invoice received on {@code start}, for an entity of the given type. */
    public Deadline deadline(LocalDate start, String entityType, List<Suspension> suspensions) {
        long suspended = 0;
        boolean paused = false;
        for (Suspension suspension : suspensions) {
            if (suspension.to() == null) {
                paused = true;
            } else {
                suspended += Math.max(0, ChronoUnit.DAYS.between(suspension.from(), suspension.to()));
            }
        }
        LocalDate dueOn = paused ? null
                : start.plusDays(properties.deadlineDaysFor(entityType)).plusDays(suspended);
        return new Deadline(dueOn, suspended, paused);
    }

    /** The entity type of the invoice's buyer, as configured ({@code facteur.payment.entity-types}), or null. */
    public String entityTypeOf(String buyerSiret) {
        return properties.entityTypeOf(buyerSiret);
    }

    /** When the managers are warned that the deadline is near. */
    public LocalDate warningOn(LocalDate dueOn) {
        return dueOn.minus(properties.warningBefore());
    }

    /**
     * What paying on {@code paidOn} costs beyond the invoice: nothing when on time; otherwise the
     * interest for each day late and the flat fee.
     */
    public LatePayment latePayment(BigDecimal amountTtc, LocalDate dueOn, LocalDate paidOn) {
        long daysLate = ChronoUnit.DAYS.between(dueOn, paidOn);
        if (daysLate <= 0 || amountTtc == null) {
            return LatePayment.onTime();
        }
        BigDecimal rate = properties.ecbRateFor(dueOn.plusDays(1)).add(properties.penaltyPoints());
        BigDecimal interest = amountTtc.multiply(rate).multiply(BigDecimal.valueOf(daysLate))
                .divide(HUNDRED.multiply(DAYS_PER_YEAR), 2, RoundingMode.HALF_UP);
        return new LatePayment(daysLate, rate, interest, properties.flatFee());
    }

    /** Late-payment costs: interest at {@code ratePercent} for {@code daysLate} days, and the flat fee. */
    public record LatePayment(long daysLate, BigDecimal ratePercent, BigDecimal interest, BigDecimal flatFee) {

        static LatePayment onTime() {
            return new LatePayment(0, BigDecimal.ZERO, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));
        }

        public BigDecimal total() {
            return interest.add(flatFee);
        }
    }
}
