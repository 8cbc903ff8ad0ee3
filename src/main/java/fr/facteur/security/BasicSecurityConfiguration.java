package fr.facteur.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Default run (without the {@code keycloak} profile): the API, engine REST, actuator, OpenAPI and
 * the pages for users ask for HTTP Basic, checked against Camunda's identity service; the Camunda
 * webapps under {@code /camunda} keep their own login page and session, which also lets their user
 * read documents and pages ({@link WebappSessionAuthentication}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!keycloak")
public class BasicSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain basicSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
                                      WorkerAccess workerAccess, IdentityService identity, ProcessEngine engine)
            throws Exception {
        JsonAuthenticationEntryPoint entryPoint = JsonAuthenticationEntryPoint.basic();
        return http
                .securityMatcher(AccessRules.paths(AccessRules.PROTECTED))
                .authorizeHttpRequests(AccessRules::apply)
                .authenticationProvider(provider)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new AccessDeniedResponses()))
                // no session of ours; the webapps' session (read by WebappSessionAuthentication) keeps its id:
                // Camunda's login already renews it, and renewing it here would log the person out of Tasklist
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                // Stateless clients authenticate every request: there is no session cookie to forge.
                .csrf(csrf -> csrf.disable())
                // a Tasklist session reads documents and pages without a second login (reads only)
                .addFilterBefore(new WebappSessionAuthentication(identity, engine.getName()),
                        BasicAuthenticationFilter.class)
                .addFilterAfter(new WorkerScope(workerAccess), AuthorizationFilter.class)
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }
}
