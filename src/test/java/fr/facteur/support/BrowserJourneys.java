package fr.facteur.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a journey script of {@code src/test/browser/} with Node.js (playwright-core driving Debian's
 * Chromium) against the application on {@code port}. The browser does the clicking and checks what the
 * screens show; its report is returned, and its failure is the test's. Screenshots of every step,
 * the report and the log are kept under {@code target/browser/}, named after {@code name}.
 */
public final class BrowserJourneys {

    public static final Path SCREENSHOTS = Path.of("target", "browser");

    private BrowserJourneys() {
    }

    public static JsonNode run(String script, String name, int port, Map<String, String> variables)
            throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        Path log = SCREENSHOTS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("node", Path.of("src", "test", "browser", script).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(variables);
        builder.environment().put("BASE_URL", "http://localhost:" + port);
        builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        builder.environment().put("SCREENSHOT_PREFIX", name);
        Process node = builder.start();
        if (!node.waitFor(5, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("The browser journeys did not end within 5 minutes; see " + log);
        }
        String output = Files.readString(log);
        assertThat(node.exitValue()).as("browser journeys (screenshots in %s):%n%s", SCREENSHOTS, output).isZero();
        return new ObjectMapper().readTree(Files.readString(SCREENSHOTS.resolve(name + "-report.json")));
    }

    /** How many screenshots the journeys named {@code name} left. */
    public static long screenshots(String name) throws IOException {
        try (var files = Files.list(SCREENSHOTS)) {
            return files.filter(file -> file.getFileName().toString().startsWith(name + "-")
                    && file.toString().endsWith(".png")).count();
        }
    }
}
