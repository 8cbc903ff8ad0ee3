package fr.facteur.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The correspondence between Chorus Pro's statuses and the e-invoicing reform's lifecycle. */
class LifecycleStatusTest {

    @Test
    void eachStatusOfAReceivedInvoiceHasItsLifecycleStatus() {
        assertThat(LifecycleStatus.ofChorus("DEPOSEE")).isEqualTo(new LifecycleStatus.Json("200", "Déposée"));
        assertThat(LifecycleStatus.ofChorus("MISE_A_DISPOSITION")).isEqualTo(new LifecycleStatus.Json("203", "Mise à disposition"));
        assertThat(LifecycleStatus.ofChorus("SERVICE_FAIT")).isEqualTo(new LifecycleStatus.Json("205", "Approuvée"));
        assertThat(LifecycleStatus.ofChorus("MANDATEE").code()).as("still approved until paid").isEqualTo("205");
        assertThat(LifecycleStatus.ofChorus("MISE_EN_PAIEMENT")).isEqualTo(new LifecycleStatus.Json("211", "Paiement transmis"));
        assertThat(LifecycleStatus.ofChorus("SUSPENDUE")).isEqualTo(new LifecycleStatus.Json("208", "Suspendue"));
        assertThat(LifecycleStatus.ofChorus("COMPLETEE")).isEqualTo(new LifecycleStatus.Json("209", "Complétée"));
        assertThat(LifecycleStatus.ofChorus("REJETEE")).as("refused by its recipient")
                .isEqualTo(new LifecycleStatus.Json("210", "Refusée"));
        assertThat(LifecycleStatus.ofChorus("A_RECYCLER").code()).isEqualTo("221");
    }

    @Test
    void noLifecycleStatusBeforeSubmissionNorForAnUnknownCode() {
        assertThat(LifecycleStatus.ofChorus("BROUILLON")).isNull();
        assertThat(LifecycleStatus.ofChorus("STATUT_INVENTE")).isNull();
        assertThat(LifecycleStatus.ofChorus(null)).isNull();
    }

    @Test
    void codesAreTheReformsThreeDigitCodesEachOnce() {
        assertThat(Arrays.stream(LifecycleStatus.values()).map(LifecycleStatus::code))
                .allMatch(code -> code.matches("2\\d\\d")).doesNotHaveDuplicates();
    }
}
