package fr.facteur.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How an invoice was paid: its mandate, the deadline of the délai global de paiement, the payment
 * date and what paying late cost (zero when on time).
 */
public record Payment(String mandateNumber, LocalDate dueOn, LocalDate paidOn, BigDecimal lateInterest,
                      BigDecimal lateFlatFee) {
}
