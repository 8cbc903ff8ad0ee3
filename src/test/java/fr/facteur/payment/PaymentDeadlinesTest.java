package fr.facteur.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentDeadlinesTest {

    private static final Map<String, Integer> DAYS_BY_TYPE =
            Map.of("ETAT", 30, "ETABLISSEMENT_PUBLIC_SANTE", 50, "ENTREPRISE_PUBLIQUE", 60);

    private final PaymentDeadlines deadlines = new PaymentDeadlines(properties(Map.of(
            "26450001800017", "ETABLISSEMENT_PUBLIC_SANTE", "552081317", "ENTREPRISE_PUBLIQUE")));

    private static PaymentProperties properties(Map<String, String> entityTypes) {
        return new PaymentProperties(30, DAYS_BY_TYPE, entityTypes, new BigDecimal("2.15"), new BigDecimal("8"),
                new BigDecimal("40.00"), Period.ofDays(5));
    }

    @ParameterizedTest(name = "{0} received {1} → due {2}")
    @CsvSource({
        "ETAT, 2025-03-01, 2025-03-31",
        "ETABLISSEMENT_PUBLIC_SANTE, 2025-03-01, 2025-04-20",
        "ENTREPRISE_PUBLIQUE, 2025-03-01, 2025-04-30",
        ", 2025-12-15, 2026-01-14",
        "INCONNU, 2024-02-01, 2024-03-02",
    })
    void theDelayDependsOnTheEntityType(String type, LocalDate received, LocalDate due) {
        assertThat(deadlines.deadline(received, type, List.of()).dueOn()).isEqualTo(due);
    }

    @ParameterizedTest(name = "buyer {0} → {1}")
    @CsvSource({
        "26450001800017, ETABLISSEMENT_PUBLIC_SANTE",
        "264 500 018 00017, ETABLISSEMENT_PUBLIC_SANTE",
        "55208131700018, ENTREPRISE_PUBLIQUE",
        "26450001800025, ",
        "13000253800014, ",
        ", ",
    })
    void theBuyersEntityTypeComesFromItsSiretElseItsSiren(String buyerSiret, String type) {
        assertThat(deadlines.entityTypeOf(buyerSiret)).isEqualTo(type);
    }

    @Test
    void theBuyersDelaysAreGivenToSqlAsJson() {
        PaymentProperties one = properties(Map.of("26450001800017", "ETABLISSEMENT_PUBLIC_SANTE"));
        assertThat(one.deadlineDaysByBuyerJson()).isEqualTo("{\"26450001800017\": 50}");
        assertThat(one.deadlineDaysFor(one.entityTypeOf("26450001800017"))).isEqualTo(50);
        assertThat(one.deadlineDaysFor(one.entityTypeOf("13000253800014"))).isEqualTo(30);
        assertThat(properties(Map.of()).deadlineDaysByBuyerJson()).isEqualTo("{}");
    }

    @Test
    void aBuyerConfiguredWrongStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> properties(Map.of("2645000180", "ETAT")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ni un SIRET");
        assertThatThrownBy(() -> properties(Map.of("26450001800017", "HOPITAL")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type « HOPITAL »");
    }

    @Test
    void aSuspensionStopsTheClockAndItsEndRestartsIt() {
        LocalDate received = LocalDate.of(2025, 3, 1);
        PaymentDeadlines.Deadline during = deadlines.deadline(received, "ETAT",
                List.of(new PaymentDeadlines.Suspension(LocalDate.of(2025, 3, 10), null)));
        assertThat(during.paused()).isTrue();
        assertThat(during.dueOn()).isNull();

        PaymentDeadlines.Deadline after = deadlines.deadline(received, "ETAT", List.of(
                new PaymentDeadlines.Suspension(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 22)),
                new PaymentDeadlines.Suspension(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 4))));
        assertThat(after.suspendedDays()).isEqualTo(15);
        assertThat(after.dueOn()).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(deadlines.warningOn(after.dueOn())).isEqualTo(LocalDate.of(2025, 4, 10));
    }

    @Test
    void payingOnTimeCostsNothing() {
        PaymentDeadlines.LatePayment onTime = deadlines.latePayment(new BigDecimal("1200.00"),
                LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31));
        assertThat(onTime.daysLate()).isZero();
        assertThat(onTime.total()).isEqualByComparingTo("0");
    }

    @Test
    void payingLateCostsInterestAtTheEcbRatePlusEightPointsAndTheFlatFee() {
        // 12 000 € TTC, 20 days late, 10.15 %: 12 000 × 10.15 % × 20 / 365 = 66.74 €, plus 40 €.
        PaymentDeadlines.LatePayment late = deadlines.latePayment(new BigDecimal("12000.00"),
                LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 20));
        assertThat(late.daysLate()).isEqualTo(20);
        assertThat(late.ratePercent()).isEqualByComparingTo("10.15");
        assertThat(late.interest()).isEqualByComparingTo("66.74");
        assertThat(late.flatFee()).isEqualByComparingTo("40.00");
        assertThat(late.total()).isEqualByComparingTo("106.74");
    }
}
