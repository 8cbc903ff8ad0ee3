package fr.facteur.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiretTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "21345000100010, true",
        "'213 450 001 00010', true",
        "'213.450.001.00010', true",
        "21345000100011, false",
        "2134500010001, false",
        "213450001000100, false",
        "2134500010001A, false",
        "'', false",
        "35600000000001, true",  // La Poste: digits sum to a multiple of 5, though Luhn fails
        "35600000000011, false",
    })
    void checksSirets(String value, boolean valid) {
        assertThat(Siret.isValidSiret(value)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"213450000, true", "213450001, false", "21345000, false", "'441 055 233', true"})
    void checksSirens(String value, boolean valid) {
        assertThat(Siret.isValidSiren(value)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} of {1} → {2}")
    @CsvSource({
        "FR40303265045, 303265045, true",
        "'FR 40 303 265 045', 30326504500013, true",
        "fr44732829320, 73282932000074, true",
        "FR45732829320, 73282932000074, false",
        "FR44732829320, 44105523000029, false",
        "DE123456789, 303265045, false",
        "'', 303265045, false",
    })
    void checksFrenchVatNumbersAgainstTheSiren(String vat, String siren, boolean valid) {
        assertThat(Siret.isFrenchVatOf(vat, siren)).isEqualTo(valid);
    }
}
