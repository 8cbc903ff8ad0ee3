package fr.facteur.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Default run (without the {@code keycloak} profile): the API, engine REST, actuator, OpenAPI and
 * the pages for users ask for HTTP Basic, checked against Camunda's identity service; the Camunda
 * webapps under {@code /camunda} keep their own login page and session.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!keycloak")
public class BasicSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain basicSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
                                      WorkerAccess workerAccess) throws Exception {
        JsonAuthenticationEntryPoint entryPoint = JsonAuthenticationEntryPoint.basic();
        return http
                .securityMatcher(AccessRules.paths(AccessRules.PROTECTED))
                .authorizeHttpRequests(AccessRules::apply)
                .authenticationProvider(provider)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new JsonAccessDeniedHandler()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless clients authenticate every request: there is no session cookie to forge.
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(new WorkerScope(workerAccess), AuthorizationFilter.class)
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }
}
