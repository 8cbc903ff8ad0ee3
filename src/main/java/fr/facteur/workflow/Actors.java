package fr.facteur.workflow;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is acting in the engine right now: the user completing a task, or the system itself. */
final class Actors {

    static final String SYSTEM = "système";

    private Actors() {
    }

    static String current(IdentityService identityService) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }
}
