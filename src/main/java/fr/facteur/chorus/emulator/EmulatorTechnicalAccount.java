package fr.facteur.chorus.emulator;

import fr.facteur.chorus.ChorusDates;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The emulated technical account: the day its password expires, as Chorus Pro gives it with the
 * structure ({@code informationGenerales.dateExpirationMotPasseCompteTech}). Ten months ahead when the
 * emulator starts (Chorus Pro asks for a new one every 14 months); the control API moves it.
 */
@Component
@ConditionalOnEmulator
class EmulatorTechnicalAccount {

    private final AtomicReference<LocalDate> passwordExpiresOn =
            new AtomicReference<>(LocalDate.now(ChorusDates.PARIS).plusMonths(10));

    LocalDate passwordExpiresOn() {
        return passwordExpiresOn.get();
    }

    void passwordExpiresOn(LocalDate day) {
        passwordExpiresOn.set(day);
    }
}
