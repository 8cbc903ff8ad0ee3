package fr.facteur.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * With the prod profile, Facteur refuses to start open: no demo users or demo passwords, and — with
 * Camunda's own users (no Keycloak) — an administrator must exist, or be configured through
 * {@code camunda.bpm.admin-user} with a real password (not the id, at least 12 characters).
 * Camunda's first-administrator setup page is never served in prod.
 */
@Configuration(proxyBeanMethods = false)
@Profile("prod")
public class ProductionSafetyCheck implements SmartInitializingSingleton {

    static final int MIN_ADMIN_PASSWORD = 12;

    private final IdentityService identityService;
    private final DemoProperties demo;
    private final Environment environment;

    public ProductionSafetyCheck(IdentityService identityService, DemoProperties demo, Environment environment) {
        this.identityService = identityService;
        this.demo = demo;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (demo.enabled()) {
            throw new IllegalStateException("facteur.demo.enabled must be false with the prod profile");
        }
        if (identityService.isReadOnly()) {
            // users come from Keycloak (profile keycloak): the realm's accounts are Keycloak's to police
            return;
        }
        String adminId = environment.getProperty("camunda.bpm.admin-user.id");
        if (adminId != null && !adminId.isBlank()) {
            String password = environment.getProperty("camunda.bpm.admin-user.password");
            if (password == null || password.isBlank() || password.equals(adminId)
                    || password.length() < MIN_ADMIN_PASSWORD) {
                throw new IllegalStateException("camunda.bpm.admin-user.password must be set, differ from the id and "
                        + "have at least " + MIN_ADMIN_PASSWORD + " characters with the prod profile "
                        + "(CAMUNDA_BPM_ADMINUSER_PASSWORD)");
            }
        }
        if (identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count() == 0) {
            throw new IllegalStateException("No administrator (member of '" + Groups.ADMIN + "') exists: set "
                    + "camunda.bpm.admin-user.id and .password for the first start with the prod profile; "
                    + "Camunda's setup page is not served in prod");
        }
        for (DemoUsers.DemoUser user : DemoUsers.ALL) {
            if (identityService.checkPassword(user.id(), user.id())) {
                throw new IllegalStateException("User '" + user.id()
                        + "' still has its demo password: delete the account or change its password before starting in prod");
            }
        }
    }

    /** Camunda's first-administrator setup (page and API): 404 in prod, whatever the users. */
    @Bean
    FilterRegistrationBean<Filter> setupPageBlocker() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            if (isSetup((HttpServletRequest) request)) {
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            chain.doFilter(request, response);
        });
        registration.setName("facteur-setup-page-blocker");
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    static boolean isSetup(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length()).toLowerCase();
        return path.matches("/camunda/app/admin/[^/]+/setup(/.*)?") || path.startsWith("/camunda/api/admin/setup/");
    }
}
