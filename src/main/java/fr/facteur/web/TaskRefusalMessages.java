package fr.facteur.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A refused task completion says only why, in French: Camunda's REST layer puts "Cannot submit task
 * form 1f3e…: " before our reason ("La date de mise en paiement … précède la date de la facture"),
 * and Tasklist shows that line to the person. For the 400 answers of completing or submitting a task,
 * through engine REST and Tasklist's own API, the prefix is taken off; nothing else changes.
 */
@Component
public class TaskRefusalMessages extends OncePerRequestFilter {

    private static final Pattern COMPLETION = Pattern.compile(
            "(/engine-rest|/camunda/api/engine/engine/[^/]+)/task/[^/]+/(complete|submit-form|resolve)");
    private static final Pattern PREFIX = Pattern.compile(
            "^Cannot (?:submit task form|complete task|resolve task) [^:]+: (.+)$", Pattern.DOTALL);

    private final ObjectMapper json;

    public TaskRefusalMessages(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !COMPLETION.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        if (answer.getStatus() == HttpServletResponse.SC_BAD_REQUEST) {
            byte[] rewritten = withoutPrefix(answer.getContentAsByteArray());
            if (rewritten != null) {
                answer.resetBuffer();
                answer.getOutputStream().write(rewritten);
            }
        }
        answer.copyBodyToResponse();
    }

    /** The JSON answer with its message stripped, or null when there is nothing to strip. */
    byte[] withoutPrefix(byte[] body) {
        try {
            JsonNode error = json.readTree(body);
            if (error instanceof ObjectNode object && error.path("message").isTextual()) {
                Matcher prefixed = PREFIX.matcher(error.get("message").asText());
                if (prefixed.matches()) {
                    object.put("message", prefixed.group(1));
                    return json.writeValueAsBytes(object);
                }
            }
        } catch (IOException e) {
            // not JSON: left as it is
        }
        return null;
    }
}
