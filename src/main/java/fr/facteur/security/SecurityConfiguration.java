package fr.facteur.security;

import jakarta.servlet.Filter;
import java.util.Arrays;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Nothing but {@code /actuator/health} answers without login:
 * <ul>
 *   <li>{@code /api/**}, {@code /engine-rest/**}, the other actuator endpoints, the OpenAPI
 *       documents and the pages for users ({@code /apercu/}, {@code /televersement/}): HTTP Basic
 *       against Camunda's identity service;</li>
 *   <li>the Camunda webapps under {@code /camunda}: their own login page and session;</li>
 *   <li>the Chorus Pro emulator's API under {@code /emulator} (default run only): its own OAuth
 *       tokens, like the PISTE gateway; its control endpoints need a login.</li>
 * </ul>
 * Calls to {@code /engine-rest} then run as the authenticated user, so Camunda's authorizations
 * apply to them exactly as in Tasklist and Cockpit.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        return http
                // Path matchers on the whole path: /engine-rest is a Jersey servlet, not Spring MVC.
                .securityMatcher(paths("/api/**", "/engine-rest/**", "/actuator/**",
                        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/emulator/control/**", "/televersement/**",
                        "/apercu", "/apercu/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
                        // only the OCR workers (and administrators) write what a document says
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.PUT, "/api/invoices/*/extraction"))
                        .hasAnyAuthority("GROUP_" + Groups.WORKERS, "GROUP_" + Groups.ADMIN)
                        .anyRequest().authenticated())
                .authenticationProvider(provider)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless clients authenticate every request: there is no session cookie to forge.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
        return http
                // The Camunda webapps authenticate their users themselves and carry their own CSRF filter;
                // the Chorus Pro emulator (/emulator, off in prod) checks PISTE tokens as the gateway does.
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    private static RequestMatcher paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Arrays.stream(patterns).<RequestMatcher>map(builder::matcher).toList());
    }

    /** Makes engine REST calls run as the user Spring Security authenticated, with their groups. */
    @Bean
    FilterRegistrationBean<Filter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addInitParameter("rest-url-pattern-prefix", "/engine-rest");
        // After Spring Security's filter chain (order -100), which sets the request's principal.
        registration.setOrder(101);
        return registration;
    }
}
