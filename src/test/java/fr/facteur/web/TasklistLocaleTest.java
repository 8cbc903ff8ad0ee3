package fr.facteur.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tasklist speaks French: our {@code locales/fr.json} has every key of the English file shipped with
 * the Camunda webapps on the classpath (a key missing would show its raw name), and French is the
 * language Tasklist falls back to.
 */
class TasklistLocaleTest {

    private static final String LOCALES = "META-INF/resources/webjars/camunda/app/tasklist/locales/";
    private static final java.util.Set<String> SAME_IN_FRENCH = java.util.Set.of("Action", "Admin", "Camunda",
            "<null>", "Type", "Cockpit", "Date", "Description", "Permissions", "Variables", "Tasklist", "%d minutes");

    @Test
    void everyKeyOfTheEnglishTasklistIsTranslated() throws IOException {
        JsonNode english = read(LOCALES + "en.json");
        JsonNode french = read(LOCALES + "fr.json");
        List<String> missing = new ArrayList<>();
        List<String> untranslated = new ArrayList<>();
        compare("", english, french, missing, untranslated);

        assertThat(missing).as("keys of en.json missing in fr.json").isEmpty();
        assertThat(french.at("/labels/PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("Se connecter");
        assertThat(french.at("/dateLocales/months/11").asText()).isEqualTo("décembre");
        assertThat(french.at("/dateLocales/longDateFormat/L").asText()).isEqualTo("DD/MM/YYYY");
        // the same text in both languages: only names, symbols, date patterns and words French shares
        assertThat(untranslated).allMatch(key -> key.startsWith("dateLocales.longDateFormat.")
                || SAME_IN_FRENCH.contains(french.at("/" + key.replace('.', '/')).asText()), "names, symbols and shared words")
                .contains("labels.DESCRIPTION");
    }

    @Test
    void frenchIsTheLanguageTasklistFallsBackTo() throws IOException {
        String config = text(LOCALES.replace("locales/", "scripts/config.js"));
        assertThat(config).contains("availableLocales: ['fr', 'en']", "fallbackLocale: 'fr'");
    }

    private static void compare(String path, JsonNode english, JsonNode french, List<String> missing,
                                List<String> untranslated) {
        if (english.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = english.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = french == null ? null : french.get(field.getKey());
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (other == null) {
                    missing.add(key);
                } else {
                    compare(key, field.getValue(), other, missing, untranslated);
                }
            }
        } else if (english.isTextual() && english.asText().equals(french.asText()) && english.asText().length() > 3) {
            untranslated.add(path);
        }
    }

    private static JsonNode read(String resource) throws IOException {
        return new ObjectMapper().readTree(text(resource).replace("\uFEFF", ""));
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = TasklistLocaleTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
