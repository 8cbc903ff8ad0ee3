package fr.facteur.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetentionPropertiesTest {

    @ParameterizedTest(name = "ended {0}, {1} from the end of the year {2} → kept until {3}")
    @CsvSource({
        "2026-03-15, P10Y, true, 2036-12-31",
        "2026-12-31, P10Y, true, 2036-12-31",
        "2027-01-01, P10Y, true, 2037-12-31",
        "2026-03-15, P10Y, false, 2036-03-15",
        "2024-02-29, P6Y, false, 2030-02-28",
    })
    void keptForThePeriodFromTheEndOfTheYearOrTheDayItself(LocalDate endedOn, Period period, boolean fromEndOfYear,
                                                           LocalDate retainUntil) {
        assertThat(new RetentionProperties(period, fromEndOfYear).retainUntil(endedOn)).isEqualTo(retainUntil);
    }

    @Test
    void aPeriodThatIsNotPositiveStopsTheStart() {
        assertThatThrownBy(() -> new RetentionProperties(Period.ZERO, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("facteur.retention.period");
    }
}
