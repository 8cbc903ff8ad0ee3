package fr.facteur.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** With the prod profile, refuses to start while demo users or their default passwords exist. */
@Component
@Profile("prod")
public class ProductionSafetyCheck implements SmartInitializingSingleton {

    private final IdentityService identityService;
    private final DemoProperties demo;

    public ProductionSafetyCheck(IdentityService identityService, DemoProperties demo) {
        this.identityService = identityService;
        this.demo = demo;
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
        for (DemoUsers.DemoUser user : DemoUsers.ALL) {
            if (identityService.checkPassword(user.id(), user.id())) {
                throw new IllegalStateException("User '" + user.id()
                        + "' still has its demo password: delete the account or change its password before starting in prod");
            }
        }
    }
}
