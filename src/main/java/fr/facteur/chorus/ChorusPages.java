package fr.facteur.chorus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Chorus Pro's pagination, whatever page size was asked for (the server decides), and
 * stops on a malformed answer instead of looping: null {@code pages} means a single page, and a
 * page that does not advance, an empty page or a runaway page count ends the walk.
 */
public final class ChorusPages {

    /** A hard ceiling; at 100 per page it is a million results. */
    static final int MAX_PAGES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ChorusPages.class);

    private ChorusPages() {
    }

    /** One page as a service returned it. */
    public record Page<T>(List<T> items, Integer pageCourante, Integer pages) {
    }

    /** Attempts per page before a technical failure fails the whole walk (and the engine retries it). */
    static final int ATTEMPTS_PER_PAGE = 4;
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    /**
     * Fetches page 1, 2, … (Chorus numbers pages from 1) and returns every item in order. A page
     * that fails for a technical reason (5xx, 429, timeout) is asked again a few times, after the
     * server's Retry-After (at most 2 s): a long search must not restart from page 1 for one
     * hiccup. Functional errors are never retried here.
     */
    public static <T> List<T> collect(IntFunction<Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Page<T> answer = fetchWithRetries(fetch, page);
            List<T> items = answer.items() == null ? List.of() : answer.items();
            all.addAll(items);
            if (answer.pages() == null || items.isEmpty() || page >= answer.pages()) {
                return all;
            }
            if (answer.pageCourante() != null && answer.pageCourante() != page) {
                log.warn("Chorus Pro answered page {} when page {} was asked: stopping after {} results",
                        answer.pageCourante(), page, all.size());
                return all;
            }
        }
        log.warn("Chorus Pro announced more than {} pages: stopping after {} results", MAX_PAGES, all.size());
        return all;
    }

    private static <T> Page<T> fetchWithRetries(IntFunction<Page<T>> fetch, int page) {
        for (int attempt = 1; ; attempt++) {
            try {
                return fetch.apply(page);
            } catch (ChorusTechnicalException e) {
                if (attempt >= ATTEMPTS_PER_PAGE) {
                    throw e;
                }
                Duration asked = e.retryAfter().orElse(Duration.ofMillis(200L * attempt));
                Duration pause = asked.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : asked;
                log.info("Chorus Pro page {} failed ({}), asking again in {} ms", page, e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
