package fr.facteur.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** More uploads at once than the limit: the extra ones get 503 with Retry-After, the others go through. */
class UploadLimiterTest {

    @Test
    void overloadAnswers503WithRetryAfterAndReleasesItsPlaces() throws Exception {
        UploadLimiter limiter = new UploadLimiter(4, 10);
        CountDownLatch inside = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<MockHttpServletResponse>> running = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                running.add(pool.submit(() -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    limiter.doFilter(upload("/api/invoices"), response, (req, res) -> {
                        inside.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    return response;
                }));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            for (String path : List.of("/api/invoices", "/api/extractions", "/api/invoices/7/documents")) {
                MockHttpServletResponse refused = new MockHttpServletResponse();
                limiter.doFilter(upload(path), refused, (req, res) -> {
                    throw new AssertionError("an extra upload must not be read");
                });
                assertThat(refused.getStatus()).as(path).isEqualTo(503);
                assertThat(refused.getHeader("Retry-After")).isEqualTo("10");
                assertThat(refused.getContentAsString()).contains("Rien n'a été enregistré");
            }
            // reading is never limited
            MockHttpServletResponse read = new MockHttpServletResponse();
            MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/invoices");
            limiter.doFilter(get, read, (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200));
            assertThat(read.getStatus()).isEqualTo(200);

            release.countDown();
            for (Future<MockHttpServletResponse> done : running) {
                assertThat(done.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            }
            MockHttpServletResponse after = new MockHttpServletResponse();
            limiter.doFilter(upload("/api/invoices"), after, (req, res) -> { });
            assertThat(after.getStatus()).isEqualTo(200);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static MockHttpServletRequest upload(String path) {
        return new MockHttpServletRequest("POST", path);
    }
}
