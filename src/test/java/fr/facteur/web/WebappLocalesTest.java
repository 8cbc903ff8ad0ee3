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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Camunda webapps speak French: for Tasklist, Cockpit, Admin and the welcome page, our
 * {@code locales/fr.json} has every key of the English file shipped with the webapps on the classpath
 * (a key missing would show its raw name; after an upgrade of Camunda, this test names the new keys),
 * keeps each text's placeholders and markup, and French is the language each webapp falls back to.
 */
class WebappLocalesTest {

    private static final String APPS = "META-INF/resources/webjars/camunda/app/";
    /** Texts that are the same in both languages: names, symbols, and words French shares. */
    private static final Set<String> SAME_IN_FRENCH = Set.of("Action", "Actions", "Admin", "Annotation", "Application",
            "Applications", "Camunda", "Camunda Cockpit", "Cockpit", "Configuration", "Date", "Description", "Documentation",
            "Double", "Exception", "Incident", "Incidents", "Instance", "Message", "Migration", "Notification",
            "Optimize", "Options", "Permissions", "Source", "Tasklist", "Total", "Type", "Types", "Variable", "Variables",
            "Version", "Version :", "instance", "instances", "<null>", "<version>", "null", "Message :", "Jobs", "JSON",
            "Fichier JSON", "Cascade", "%d minutes", "Max", "Min", "Variable / {{variableName}}", "{{count}} jobs",
            "Incident : Configuration", "Incident : Message", "Incident : Type", "Incident : ID", "Job", "Active",
            " instances.");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}|\\{}");
    private static final Pattern MARKUP = Pattern.compile("<(/?(?:a|b|br|code|em|i|p|span|strong))[ >/]");
    /** Tasklist's texts where Facteur says its own thing (our first-login hint, a shorter end-of-life banner). */
    private static final Set<String> OUR_WORDS = Set.of("labels.FIRST_LOGIN_INFO", "labels.BANNER_CE_EOL_TEXT");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyKeyOfTheEnglishWebappIsInFrench(String app) throws IOException {
        JsonNode english = read(APPS + app + "/locales/en.json");
        JsonNode french = read(APPS + app + "/locales/fr.json");
        List<String> missing = new ArrayList<>();
        List<String> untranslated = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        compare("", english, french, missing, untranslated, broken);

        assertThat(missing).as("keys of %s's en.json missing in fr.json", app).isEmpty();
        assertThat(broken).as("texts whose placeholders or markup differ from the English").isEmpty();
        assertThat(untranslated).as("texts left in English").allMatch(key -> key.startsWith("dateLocales.longDateFormat.")
                || SAME_IN_FRENCH.contains(french.at("/" + key.replace('.', '/')).asText()));
        if (english.has("dateLocales")) {
            assertThat(french.at("/dateLocales/months/11").asText()).isEqualTo("décembre");
            assertThat(french.at("/dateLocales/longDateFormat/L").asText()).isEqualTo("DD/MM/YYYY");
            assertThat(french.at("/dateLocales/week/dow").asInt()).as("weeks start on Monday").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void frenchIsTheLanguageEachWebappFallsBackTo(String app) throws IOException {
        String config = text(APPS + app + "/scripts/config.js");
        assertThat(config).contains("availableLocales: ['fr', 'en']", "fallbackLocale: 'fr'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void theScreensWordsAreFrench(String app) throws IOException {
        JsonNode french = read(APPS + app + "/locales/fr.json");
        Map<String, String> expected = switch (app) {
            case "tasklist" -> Map.of("PAGE_LOGIN_SIGN_IN_ACTION", "Se connecter", "BUSINESS_KEY", "Clé métier");
            case "cockpit" -> Map.of("PLUGIN_PROCESS_INSTANCES_LABEL", "Instances de processus",
                    "DASHBOARD_RUNNING_PROCESS_INSTANCE", "Instances de processus en cours");
            case "admin" -> Map.of("USERS_LIST_OF_USERS", "Liste des utilisateurs");
            default -> Map.of("CAM_WIDGET_HEADER_MY_PROFILE", "Mon profil", "AUTH_LOGOUT_THANKS",
                    "Merci d'avoir utilisé Facteur aujourd'hui. Bonne {{dayContext}} !");
        };
        expected.forEach((key, text) -> assertThat(french.at("/labels/" + key).asText()).as(key).isEqualTo(text));
    }

    private static void compare(String path, JsonNode english, JsonNode french, List<String> missing,
                                List<String> untranslated, List<String> broken) {
        if (english.isObject() || english.isArray()) {
            Iterator<Map.Entry<String, JsonNode>> fields = english.isObject() ? english.fields()
                    : indexed(english).iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = french == null ? null
                        : english.isObject() ? french.get(field.getKey()) : french.get(Integer.parseInt(field.getKey()));
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (other == null) {
                    missing.add(key);
                } else {
                    compare(key, field.getValue(), other, missing, untranslated, broken);
                }
            }
        } else if (english.isTextual()) {
            String en = english.asText();
            String fr = french.asText();
            if (en.equals(fr) && en.length() > 3) {
                untranslated.add(path);
            }
            if (!path.startsWith("dateLocales") && !OUR_WORDS.contains(path)
                    && (!all(PLACEHOLDER, en).equals(all(PLACEHOLDER, fr)) || !all(MARKUP, en).equals(all(MARKUP, fr)))) {
                broken.add(path + ": " + en + " → " + fr);
            }
        }
    }

    private static List<Map.Entry<String, JsonNode>> indexed(JsonNode array) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            entries.add(Map.entry(String.valueOf(i), array.get(i)));
        }
        return entries;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1) == null ? matcher.group() : matcher.group(1));
        }
        return found.stream().sorted().toList();
    }

    private static JsonNode read(String resource) throws IOException {
        return new ObjectMapper().readTree(text(resource).replace("\uFEFF", ""));
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
