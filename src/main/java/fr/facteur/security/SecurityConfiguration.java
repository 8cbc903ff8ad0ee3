package fr.facteur.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What both ways of logging in share. Nothing but {@code /actuator/health} answers without login:
 * the paths of {@link AccessRules#PROTECTED} are guarded by {@link BasicSecurityConfiguration}
 * (default run: HTTP Basic against Camunda's users) or {@link KeycloakSecurityConfiguration}
 * (profile {@code keycloak}: OIDC and bearer tokens). The Chorus Pro emulator's API under
 * {@code /emulator} (default run only) checks its own OAuth tokens, like the PISTE gateway.
 * Calls to {@code /engine-rest} run as the authenticated user, so Camunda's authorizations apply to
 * them exactly as in Tasklist and Cockpit.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The rest: static files, error pages, the emulator (and, in the default run, the Camunda webapps). */
    @Bean
    @Order(10)
    SecurityFilterChain otherRequests(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                // The Camunda webapps carry their own CSRF filter; the emulator checks PISTE tokens.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** Before everything else, in every mode: a browser's request from another site changes nothing. */
    @Bean
    FilterRegistrationBean<Filter> crossSiteRequestGuard() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new CrossSiteRequestGuard());
        registration.setName("facteur-cross-site-request-guard");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Uploads and extractions beyond what memory allows answer 503 with Retry-After (after the login). */
    @Bean
    FilterRegistrationBean<Filter> uploadLimiter(SecurityProperties properties) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new UploadLimiter(properties.maxConcurrentUploads(), properties.retryAfter().toSeconds()));
        registration.setName("facteur-upload-limiter");
        registration.addUrlPatterns("/api/*");
        // after Spring Security (-100): an anonymous request is refused before it takes a place
        registration.setOrder(0);
        return registration;
    }

    /** Makes engine REST calls run as the user Spring Security authenticated, with their groups. */
    @Bean
    FilterRegistrationBean<Filter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", SpringSecurityAuthenticationProvider.class.getName());
        registration.addInitParameter("rest-url-pattern-prefix", "/engine-rest");
        // After Spring Security's filter chain (order -100), which sets the request's principal.
        registration.setOrder(101);
        return registration;
    }
}
