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

    /** The ECB's main refinancing rate changes from mid-2024 to mid-2025. */
    private static final Map<String, BigDecimal> ECB_RATES = Map.of(
            "2024-06-12", new BigDecimal("4.25"), "2024-09-18", new BigDecimal("3.65"),
            "2024-10-23", new BigDecimal("3.40"), "2024-12-18", new BigDecimal("3.15"),
            "2025-02-05", new BigDecimal("2.90"), "2025-03-12", new BigDecimal("2.65"),
            "2025-04-23", new BigDecimal("2.40"), "2025-06-11", new BigDecimal("2.15"));

    private static PaymentProperties properties(Map<String, String> entityTypes) {
        return properties(entityTypes, ECB_RATES);
    }

    private static PaymentProperties properties(Map<String, String> entityTypes, Map<String, BigDecimal> ecbRates) {
        return new PaymentProperties(30, DAYS_BY_TYPE, entityTypes, ecbRates, new BigDecimal("8"),
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
        // 12 000 € TTC, 20 days late from 1 April 2025: the rate in force on 1 January 2025 (3.15 %,
        // not the 2.65 % of April) + 8 points = 11.15 %: 12 000 × 11.15 % × 20 / 365 = 73.32 €, plus 40 €.
        PaymentDeadlines.LatePayment late = deadlines.latePayment(new BigDecimal("12000.00"),
                LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 20));
        assertThat(late.daysLate()).isEqualTo(20);
        assertThat(late.ratePercent()).isEqualByComparingTo("11.15");
        assertThat(late.interest()).isEqualByComparingTo("73.32");
        assertThat(late.flatFee()).isEqualByComparingTo("40.00");
        assertThat(late.total()).isEqualByComparingTo("113.32");
    }

    @ParameterizedTest(name = "due {0}: interest from the next day at {1} % + 8")
    @CsvSource({
        "2024-12-30, 4.25",   // runs from 31 December 2024: 2nd half of 2024, the rate of 1 July 2024
        "2024-12-31, 3.15",   // from 1 January 2025: the rate decided on 18 December 2024
        "2025-06-29, 3.15",
        "2025-06-30, 2.15",   // from 1 July 2025
        "2026-11-15, 2.15",   // no change since: the last rate stays in force
    })
    void theEcbRateIsTheOneInForceOnTheFirstDayOfTheHalfYearTheInterestStartedIn(LocalDate dueOn, String ecbRate) {
        PaymentDeadlines.LatePayment late = deadlines.latePayment(new BigDecimal("1000.00"), dueOn, dueOn.plusDays(10));
        assertThat(late.ratePercent()).isEqualByComparingTo(new BigDecimal(ecbRate).add(new BigDecimal("8")));
    }

    @Test
    void aRateMissingForTheHalfYearOrWrittenWrongIsSaidClearly() {
        assertThatThrownBy(() -> deadlines.latePayment(new BigDecimal("1000.00"),
                LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Aucun taux BCE en vigueur le 2024-01-01");
        assertThatThrownBy(() -> properties(Map.of(), Map.of("11/06/2025", new BigDecimal("2.15"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("« 11/06/2025 » n'est pas une date");
        assertThatThrownBy(() -> properties(Map.of(), Map.of("2025-06-11", new BigDecimal("-2.15"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taux « -2.15 » invalide");
    }
}
