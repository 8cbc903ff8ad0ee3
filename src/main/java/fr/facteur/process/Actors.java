package fr.facteur.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is acting in the engine right now: the user completing a task, or the system itself. */
public final class Actors {

    public static final String SYSTEM = "système";

    private Actors() {
    }

    public static String current(IdentityService identityService) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }
}
