package fr.facteur.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;

/**
 * {@code facteur.keycloak.*}, profile {@code keycloak}. Every endpoint is derived from the realm's
 * issuer, so nothing is fetched from Keycloak at start-up: the application starts while Keycloak
 * is down, and its health says so.
 *
 * @param issuerUri            the realm as browsers reach it and as tokens name it, e.g.
 *                             {@code https://sso.example.fr/realms/facteur}
 * @param backchannelUri       the same realm as this server reaches it, when that differs (a container
 *                             network: {@code http://keycloak:8180/realms/facteur}); tokens, keys, user
 *                             info, the admin API and the health check go there. Default: the issuer
 * @param clientId             the confidential client of the web login (authorization code)
 * @param clientSecret         its secret (environment: {@code FACTEUR_KEYCLOAK_CLIENT_SECRET})
 * @param audience             the audience every bearer token must carry (an audience mapper adds it)
 * @param groupsClaim          the claim listing the user's groups (a group membership mapper adds it)
 * @param identityClientId     the client whose service account the Camunda identity plugin uses to read
 *                             users and groups (roles view-users, query-users, query-groups)
 * @param identityClientSecret its secret ({@code FACTEUR_KEYCLOAK_IDENTITY_CLIENT_SECRET})
 * @param clockSkew            tolerance on the tokens' times
 */
@Profile("keycloak")
@Validated
@ConfigurationProperties("facteur.keycloak")
public record KeycloakProperties(
        @NotNull URI issuerUri,
        URI backchannelUri,
        @DefaultValue("facteur-web") @NotBlank String clientId,
        @NotBlank String clientSecret,
        @DefaultValue("facteur-api") @NotBlank String audience,
        @DefaultValue("groups") @NotBlank String groupsClaim,
        @DefaultValue("facteur-identity") @NotBlank String identityClientId,
        @NotBlank String identityClientSecret,
        @DefaultValue("PT30S") Duration clockSkew) {

    /** The issuer without a trailing slash, as Keycloak writes it in tokens. */
    public String issuer() {
        String issuer = issuerUri.toString();
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** An OpenID Connect endpoint a browser is sent to: {@code auth}, {@code logout}. */
    public String browserEndpoint(String name) {
        return issuer() + "/protocol/openid-connect/" + name;
    }

    /** An OpenID Connect endpoint this server calls: {@code token}, {@code certs}, {@code userinfo}. */
    public String serverEndpoint(String name) {
        return serverRealm() + "/protocol/openid-connect/" + name;
    }

    /** The realm as this server reaches it. */
    public String serverRealm() {
        if (backchannelUri == null) {
            return issuer();
        }
        String realm = backchannelUri.toString();
        return realm.endsWith("/") ? realm.substring(0, realm.length() - 1) : realm;
    }

    /** The realm's admin API, read by the Camunda identity plugin. */
    public String adminUrl() {
        return serverRealm().replace("/realms/", "/admin/realms/");
    }

    @Override
    public String toString() {
        return "Keycloak[" + issuer() + ", client " + clientId + "]";
    }
}
