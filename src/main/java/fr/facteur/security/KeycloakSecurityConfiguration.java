package fr.facteur.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Profile {@code keycloak}: single sign-on. People log in once through Keycloak (authorization
 * code) and reach Tasklist, Cockpit, Admin, the overview and the upload page with the rights of
 * their Keycloak groups; machines (the OCR workers, scripts) call {@code /api} and
 * {@code /engine-rest} with a bearer token of the realm carrying the audience. The groups come
 * from the token's {@code groups} claim; Camunda reads users and groups from Keycloak through the
 * identity plugin. Nothing is fetched from Keycloak at start-up.
 */
@Configuration(proxyBeanMethods = false)
@Profile("keycloak")
@EnableConfigurationProperties(KeycloakProperties.class)
public class KeycloakSecurityConfiguration {

    static final String REGISTRATION = "keycloak";

    @Bean
    @Order(1)
    SecurityFilterChain keycloakSecurity(HttpSecurity http, KeycloakProperties keycloak,
                                         ClientRegistrationRepository registrations, WorkerAccess workerAccess)
            throws Exception {
        String[] paths = Stream.concat(Arrays.stream(AccessRules.PROTECTED),
                Stream.of("/camunda/**", "/oauth2/**", "/login/**", "/logout")).toArray(String[]::new);
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/camunda/app/");
        return http
                .securityMatcher(AccessRules.paths(paths))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(AccessRules.paths("/oauth2/**", "/login/**")).permitAll();
                    AccessRules.apply(auth);
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(tokenConverter(keycloak))))
                .oauth2Login(login -> login.userInfoEndpoint(user -> user.userAuthoritiesMapper(groupsOfUser(keycloak))))
                // GET /logout ends the session here and, through the end-session endpoint, in Keycloak
                .logout(out -> out
                        .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/logout"))
                        .logoutSuccessHandler(logout))
                .exceptionHandling(ex -> ex
                        .accessDeniedHandler(new AccessDeniedResponses())
                        .defaultAuthenticationEntryPointFor(JsonAuthenticationEntryPoint.bearer(),
                                AccessRules.paths(AccessRules.API))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION),
                                AnyRequestMatcher.INSTANCE))
                // The webapps carry their own CSRF filter; bearer requests cannot be forged by a browser;
                // the pages' own calls are guarded by BrowserRequestGuard.
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new BrowserRequestGuard(), AuthorizationFilter.class)
                .addFilterAfter(new WorkerScope(workerAccess), AuthorizationFilter.class)
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** The web login's client, every endpoint derived from the issuer (no discovery call at start-up). */
    @Bean
    ClientRegistrationRepository clientRegistrations(KeycloakProperties keycloak) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Keycloak")
                .clientId(keycloak.clientId())
                .clientSecret(keycloak.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(keycloak.issuer())
                .authorizationUri(keycloak.browserEndpoint("auth"))
                .tokenUri(keycloak.serverEndpoint("token"))
                .jwkSetUri(keycloak.serverEndpoint("certs"))
                .userInfoUri(keycloak.serverEndpoint("userinfo"))
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", keycloak.browserEndpoint("logout")))
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /**
     * Bearer tokens: signed by the realm (keys fetched on first use, then cached), from its issuer,
     * for our audience, within their validity.
     */
    @Bean
    JwtDecoder jwtDecoder(KeycloakProperties keycloak) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.serverEndpoint("certs")).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(keycloak.clockSkew()),
                new JwtIssuerValidator(keycloak.issuer()),
                audience(keycloak.audience()))));
        return decoder;
    }

    /**
     * Camunda's users and groups, read from the realm by its service account (for Admin, the
     * identity links of tasks, a password check); group ids are the groups' paths, as in tokens.
     */
    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(KeycloakProperties keycloak) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(keycloak.serverRealm());
        plugin.setKeycloakAdminUrl(keycloak.adminUrl());
        plugin.setClientId(keycloak.identityClientId());
        plugin.setClientSecret(keycloak.identityClientSecret());
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        // No administratorGroupName: the plugin would look the group up in Keycloak while the engine
        // starts, and fail to start without Keycloak. AuthorizationSetup grants camunda-admin its rights.
        plugin.setCacheEnabled(true);
        plugin.setCacheExpirationTimeoutMin(5);
        return plugin;
    }

    /** Tasklist, Cockpit and Admin see the user Spring Security logged in, with the token's groups. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-webapp-container-authentication");
        registration.addUrlPatterns("/camunda/*");
        registration.addInitParameter("authentication-provider", SpringSecurityAuthenticationProvider.class.getName());
        registration.setOrder(101);
        return registration;
    }

    private static JwtAuthenticationConverter tokenConverter(KeycloakProperties keycloak) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName("preferred_username");
        converter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(jwt.getClaimAsStringList(keycloak.groupsClaim())));
        return converter;
    }

    private static GrantedAuthoritiesMapper groupsOfUser(KeycloakProperties keycloak) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    List<String> groups = oidc.getIdToken().getClaimAsStringList(keycloak.groupsClaim());
                    if (groups == null && oidc.getUserInfo() != null) {
                        groups = oidc.getUserInfo().getClaimAsStringList(keycloak.groupsClaim());
                    }
                    mapped.addAll(authorities(groups));
                }
            }
            return mapped;
        };
    }

    /** {@code GROUP_<id>} for each group, its path ({@code /valideurs}) or its name. */
    static Collection<GrantedAuthority> authorities(List<String> groups) {
        if (groups == null) {
            return List.of();
        }
        return groups.stream()
                .map(group -> group.startsWith("/") ? group.substring(1) : group)
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(AccessRules.group(group)))
                .toList();
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error error = new OAuth2Error("invalid_token", "Le jeton n'est pas destiné à Facteur (audience "
                + audience + " absente)", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }
}
