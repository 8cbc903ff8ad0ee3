package fr.facteur.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} read as Docker Compose reads it, for tests that cannot run Docker:
 * YAML anchors and merge keys, and the interpolation of {@code ${VAR}}, {@code ${VAR:-default}} and
 * {@code ${VAR:?error}} from an env file (an unset required variable fails, as {@code docker
 * compose up} does).
 */
public final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)([^}]*))?}");

    private final Map<String, Object> services;
    private final Map<String, String> variables;

    private ComposeFile(Map<String, Object> services, Map<String, String> variables) {
        this.services = services;
        this.variables = variables;
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile read(Path compose, Map<String, String> variables) throws IOException {
        try (Reader reader = Files.newBufferedReader(compose)) {
            Map<String, Object> root = new Yaml().load(reader);
            return new ComposeFile((Map<String, Object>) root.get("services"), variables);
        }
    }

    /** The variables of an env file ({@code KEY=value} lines, {@code #} comments). */
    public static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return values;
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /** A service's environment, interpolated, every value a string. */
    @SuppressWarnings("unchecked")
    public Map<String, String> environment(String service) {
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        if (definition == null) {
            throw new IllegalArgumentException("No service " + service + " in the compose file");
        }
        Map<String, Object> raw = (Map<String, Object>) definition.getOrDefault("environment", Map.of());
        Map<String, String> environment = new LinkedHashMap<>();
        raw.forEach((name, value) -> environment.put(name, interpolate(String.valueOf(value))));
        return environment;
    }

    @SuppressWarnings("unchecked")
    public Object get(String service, String key) {
        return ((Map<String, Object>) services.get(service)).get(key);
    }

    String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String given = variables.get(name);
            boolean unset = given == null || given.isEmpty();
            String replacement;
            if (":?".equals(matcher.group(2)) && unset) {
                throw new IllegalStateException("compose refuses to start: " + name + " is not set (" + matcher.group(3) + ")");
            } else if (":-".equals(matcher.group(2)) && unset) {
                replacement = matcher.group(3);
            } else {
                replacement = given == null ? "" : given;
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
