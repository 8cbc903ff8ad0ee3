package fr.facteur.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a failed Chorus Pro call is tried again inside the step, and after how long. */
class ChorusCallRetryTest {

    private final ChorusCallRetry retry = new ChorusCallRetry(4, Duration.ofMillis(400), Duration.ofSeconds(5),
            Duration.ofSeconds(20));

    @Test
    void backoffDoublesWithJitterWithinTheAttemptsAndTheBudget() {
        long now = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertThat(retry.waitBefore(2, failure(500), true, now)).get()
                    .satisfies(d -> assertThat(d.toMillis()).isBetween(200L, 400L));
            assertThat(retry.waitBefore(3, failure(502), true, now)).get()
                    .satisfies(d -> assertThat(d.toMillis()).isBetween(400L, 800L));
            assertThat(retry.waitBefore(4, failure(504), true, now)).get()
                    .satisfies(d -> assertThat(d.toMillis()).isBetween(800L, 1600L));
        }
        assertThat(retry.waitBefore(5, failure(500), true, now)).as("4 attempts at most").isEmpty();
        long longAgo = now - Duration.ofMillis(19_500).toNanos(); // the shortest wait (800 ms) would end past 20 s
        assertThat(retry.waitBefore(4, failure(500), true, longAgo)).as("past the budget").isEmpty();
    }

    @Test
    void retryAfterIsHonouredUnlessLongerThanAStepMayWait() {
        long now = System.nanoTime();
        assertThat(retry.waitBefore(2, new ChorusTechnicalException("busy", 429, Duration.ofSeconds(2), null), true, now))
                .contains(Duration.ofSeconds(2));
        assertThat(retry.waitBefore(2, new ChorusTechnicalException("busy", 429, Duration.ofSeconds(60), null), true,
                now)).as("the engine's retry cycle waits instead").isEmpty();
    }

    @Test
    void aWriteIsRepeatedOnlyWhenChorusDidNotProcessIt() {
        long now = System.nanoTime();
        assertThat(retry.waitBefore(2, failure(500), false, now)).isEmpty();
        assertThat(retry.waitBefore(2, failure(502), false, now)).isEmpty();
        assertThat(retry.waitBefore(2, new ChorusTechnicalException("timeout", null, null,
                new SocketTimeoutException("Read timed out")), false, now)).as("it may have been processed").isEmpty();
        assertThat(retry.waitBefore(2, failure(503), false, now)).isPresent();
        assertThat(retry.waitBefore(2, failure(429), false, now)).isPresent();
        assertThat(retry.waitBefore(2, new ChorusTechnicalException("refused", null, null,
                new RuntimeException(new ConnectException("Connection refused"))), false, now)).isPresent();
        assertThat(ChorusCallRetry.NONE.waitBefore(2, failure(503), true, now)).isEmpty();
    }

    private static ChorusTechnicalException failure(int status) {
        return new ChorusTechnicalException("HTTP " + status, status, null, null);
    }
}
