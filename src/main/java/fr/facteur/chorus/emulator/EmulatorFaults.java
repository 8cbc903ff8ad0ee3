package fr.facteur.chorus.emulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Fault injection for tests and demos: a share of API calls answer 500, 429 (with
 * {@code Retry-After}) or come slowly. A faulted call is refused before it reaches the emulator's
 * logic, so it never changes any state.
 */
@Component
@ConditionalOnEmulator
class EmulatorFaults {

    /** What to inject; rates are between 0 and 1. */
    record Settings(double serverErrorRate, double tooManyRequestsRate, double slowRate, Duration slowDelay) {

        static final Settings NONE = new Settings(0, 0, 0, Duration.ZERO);

        Settings {
            if (serverErrorRate < 0 || tooManyRequestsRate < 0 || slowRate < 0
                    || serverErrorRate + tooManyRequestsRate > 1 || slowRate > 1) {
                throw new IllegalArgumentException("rates must be between 0 and 1 (errors and 429 together at most 1)");
            }
            slowDelay = slowDelay == null ? Duration.ZERO : slowDelay;
        }
    }

    enum Fault { NONE, SERVER_ERROR, TOO_MANY_REQUESTS }

    private volatile Settings settings = Settings.NONE;

    Settings settings() {
        return settings;
    }

    void set(Settings settings) {
        this.settings = settings;
    }

    /** Draws this call's fault, sleeping first if it is one of the slow ones. */
    Fault draw() throws InterruptedException {
        Settings current = settings;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (current.slowRate() > 0 && random.nextDouble() < current.slowRate()) {
            Thread.sleep(current.slowDelay().toMillis());
        }
        double roll = random.nextDouble();
        if (roll < current.serverErrorRate()) {
            return Fault.SERVER_ERROR;
        }
        if (roll < current.serverErrorRate() + current.tooManyRequestsRate()) {
            return Fault.TOO_MANY_REQUESTS;
        }
        return Fault.NONE;
    }
}
