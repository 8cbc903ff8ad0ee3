package fr.facteur.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TechnicalAccountExpiryTest {

    private static final LocalDate EXPIRES_ON = LocalDate.of(2026, 12, 15);

    private static TechnicalAccountExpiry expiry(LocalDate expiresOn) {
        return new TechnicalAccountExpiry(new ChorusProperties(null, null, "id", "secret", "TECH_1@cpro.fr", "pwd",
                expiresOn, null, null, null, null, null, null, null, null, null, null, null, null), null);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "2026-11-29 | FIFTEEN_DAYS | expire dans 16 jours",
        "2026-11-30 | FIFTEEN_DAYS | expire dans 15 jours, le 15/12/2026 : faites-le renouveler",
        "2026-12-07 | FIFTEEN_DAYS | expire dans 8 jours",
        "2026-12-08 | SEVEN_DAYS   | expire dans 7 jours",
        "2026-12-13 | SEVEN_DAYS   | expire dans 2 jours",
        "2026-12-14 | DAY_BEFORE   | expire demain, le 15/12/2026",
        "2026-12-15 | DAY_BEFORE   | expire aujourd'hui, le 15/12/2026",
        "2026-12-16 | EXPIRED      | a expiré le 15/12/2026 : Chorus Pro refuse la relève",
    })
    void theWarningStartsFifteenDaysBeforeAndGoesThroughItsStages(LocalDate today, String stage, String message) {
        var warning = expiry(EXPIRES_ON).warning(today);
        if (today.isBefore(EXPIRES_ON.minusDays(15))) {
            assertThat(warning).isEmpty();
            return;
        }
        assertThat(warning).get().satisfies(w -> {
            assertThat(w.stage().name()).isEqualTo(stage);
            assertThat(w.message()).contains(message);
            assertThat(w.subject()).contains("15/12/2026");
        });
    }

    @ParameterizedTest
    @CsvSource({"2026-12-01", "2027-06-01"})
    void noExpiryDayConfiguredNoWarning(LocalDate today) {
        assertThat(expiry(null).warning(today)).isEmpty();
    }
}
