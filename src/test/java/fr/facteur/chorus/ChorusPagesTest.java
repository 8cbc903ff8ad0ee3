package fr.facteur.chorus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pagination: a page that fails for a technical reason is asked again, not the whole search. */
class ChorusPagesTest {

    @Test
    void aPageThatFailsOnceIsAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        List<String> all = ChorusPages.collect(page -> {
            if (calls.incrementAndGet() == 2) {
                throw new ChorusTechnicalException("HTTP 500", 500, null, null);
            }
            return new ChorusPages.Page<>(List.of("p" + page), page, 3);
        });

        assertThat(all).containsExactly("p1", "p2", "p3");
        assertThat(calls).hasValue(4);
    }

    @Test
    void aPageThatKeepsFailingFailsTheSearchAfterAFewAttempts() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ChorusPages.collect(page -> {
            calls.incrementAndGet();
            throw new ChorusTechnicalException("HTTP 429", 429, Duration.ofMillis(10), null);
        })).isInstanceOf(ChorusTechnicalException.class);
        assertThat(calls).hasValue(ChorusPages.ATTEMPTS_PER_PAGE);
    }

    @Test
    void aFunctionalErrorIsNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ChorusPages.collect(page -> {
            calls.incrementAndGet();
            throw new ChorusFunctionalException("rechercherRecipiendaire", 20001, "Structure inconnue");
        })).isInstanceOf(ChorusFunctionalException.class);
        assertThat(calls).hasValue(1);
    }
}
