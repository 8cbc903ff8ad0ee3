package fr.facteur.security;

import java.util.Arrays;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what, the same with HTTP Basic (default run) and with Keycloak: the paths behind a
 * login, and the groups some of them need. Everything else in the engine is decided by Camunda's
 * authorizations ({@link AuthorizationSetup}) for the user the request runs as.
 */
final class AccessRules {

    /** The application's paths behind a login (the Camunda webapps have their own, see the configurations). */
    static final String[] PROTECTED = {"/api/**", "/engine-rest/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**",
        "/swagger-ui.html", "/emulator/control/**", "/televersement/**", "/apercu", "/apercu/**"};

    /** Paths answered with JSON (401 rather than a redirection to a login page). */
    static final String[] API = {"/api/**", "/engine-rest/**", "/actuator/**", "/v3/api-docs/**", "/emulator/control/**"};

    private AccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
                // the emulator's control and the actuator beyond health: administrators only
                .requestMatchers(paths("/emulator/control/**", "/actuator/**")).hasAuthority(group(Groups.ADMIN))
                // the purchase orders' referential changes by accountants (and administrators) only
                .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/purchase-orders/**"))
                .hasAnyAuthority(group(Groups.ACCOUNTANTS), group(Groups.ADMIN))
                // only the OCR workers (and administrators) write what a document says
                .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PUT, "/api/invoices/*/extraction"))
                .hasAnyAuthority(group(Groups.WORKERS), group(Groups.ADMIN))
                // the managers' numbers and lists; an invoice's own page is for everyone who works on it
                .requestMatchers(paths("/api/invoices/summary", "/api/archive/destroyable", "/apercu", "/apercu/",
                        "/apercu/factures", "/apercu/factures.csv"))
                .hasAnyAuthority(group(Groups.MANAGERS), group(Groups.ADMIN))
                // managers and analysts read: uploads, documents and the rest of the API's changes are
                // for the people who work the invoices
                .requestMatchers(writes("/api/**", "/televersement/**"))
                .hasAnyAuthority(group(Groups.VALIDATORS), group(Groups.ACCOUNTANTS), group(Groups.ADMIN))
                .anyRequest().authenticated();
    }

    private static RequestMatcher writes(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Arrays.stream(patterns).flatMap(pattern -> java.util.stream.Stream.of(
                HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                .<RequestMatcher>map(method -> builder.matcher(method, pattern))).toList());
    }

    static String group(String id) {
        return "GROUP_" + id;
    }

    /** Whole-path matchers: {@code /engine-rest} is a Jersey servlet, not Spring MVC. */
    static RequestMatcher paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Arrays.stream(patterns).<RequestMatcher>map(builder::matcher).toList());
    }
}
