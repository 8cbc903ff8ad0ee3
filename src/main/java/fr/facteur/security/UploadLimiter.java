package fr.facteur.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Overload answers 503, never an out-of-memory error: at most
 * {@code facteur.security.max-concurrent-uploads} uploads and extractions are read at the same
 * time (each holds its file in memory and parses it); one more is answered at once with 503 and
 * {@code Retry-After}, before its body is read. Clients retry later; nothing is lost.
 */
final class UploadLimiter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UploadLimiter.class);
    /** The requests that carry a file to read. */
    static final Pattern UPLOADS = Pattern.compile("/api/invoices|/api/extractions|/api/invoices/\\d+/documents");

    private final Semaphore permits;
    private final long retryAfterSeconds;

    UploadLimiter(int maxConcurrent, long retryAfterSeconds) {
        this.permits = new Semaphore(Math.max(1, maxConcurrent));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !UPLOADS.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            log.warn("Upload {} refused with 503: {} uploads already being read", request.getRequestURI(),
                    available());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            JsonErrors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service momentanément surchargé",
                    "Trop de fichiers sont lus en ce moment : renvoyez celui-ci dans " + retryAfterSeconds
                            + " secondes. Rien n'a été enregistré.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private int available() {
        return permits.availablePermits();
    }
}
