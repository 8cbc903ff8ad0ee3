package fr.facteur.chorus;

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

    /** Fetches page 1, 2, … (Chorus numbers pages from 1) and returns every item in order. */
    public static <T> List<T> collect(IntFunction<Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Page<T> answer = fetch.apply(page);
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
}
