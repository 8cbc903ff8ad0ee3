package fr.facteur.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.payment.PaymentDeadlines.Suspension;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceDeadlinesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void theDisputesOfAHistoryAreItsSuspensions() {
        List<StatusChange> history = List.of(
                change("2026-10-01", InvoiceStatus.RECEIVED),
                change("2026-10-02", InvoiceStatus.TO_VALIDATE),
                change("2026-10-05", InvoiceStatus.DISPUTED),
                change("2026-10-15", InvoiceStatus.TO_VALIDATE),
                change("2026-11-20", InvoiceStatus.DISPUTED));
        assertThat(InvoiceDeadlines.suspensions(history, TODAY)).containsExactly(
                new Suspension(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 15)),
                new Suspension(LocalDate.of(2026, 11, 20), TODAY));
    }

    @Test
    void noDisputeNoSuspension() {
        assertThat(InvoiceDeadlines.suspensions(List.of(change("2026-10-01", InvoiceStatus.RECEIVED),
                change("2026-10-02", InvoiceStatus.TO_VALIDATE), change("2026-10-09", InvoiceStatus.VALIDATED)), TODAY))
                .isEmpty();
    }

    @Test
    void aDisputeIsCountedInParisDays() {
        List<StatusChange> history = List.of(
                at(OffsetDateTime.parse("2026-10-04T22:30:00Z"), InvoiceStatus.DISPUTED), // 5 October, 00:30 in Paris
                at(OffsetDateTime.parse("2026-10-14T23:10:00Z"), InvoiceStatus.TO_VALIDATE)); // 15 October, 01:10
        assertThat(InvoiceDeadlines.suspensions(history, TODAY)).containsExactly(
                new Suspension(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 15)));
    }

    private static StatusChange at(OffsetDateTime when, InvoiceStatus to) {
        return new StatusChange(when, "test", null, to, null);
    }

    private static StatusChange change(String day, InvoiceStatus to) {
        return new StatusChange(OffsetDateTime.of(LocalDate.parse(day).atTime(10, 0), ZoneOffset.UTC), "test", null, to, null);
    }
}
