package fr.facteur.security;

import java.util.List;

/** The demo accounts of the default run; their password is their user name. */
public final class DemoUsers {

    /** The validators of the demo hospital's purchasing service (Chorus Pro service code ACHATS). */
    public static final Groups.GroupDefinition PURCHASING_VALIDATORS =
            new Groups.GroupDefinition("valideurs-achats", "Valideurs — Service des achats");

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("demo", "Démo", "Administrateur", Groups.ADMIN),
            new DemoUser("valideur", "Valérie", "Valideuse", Groups.VALIDATORS),
            // a validator of the hospital's purchasing service: its invoices go to its group only
            new DemoUser("acheteur", "Achille", "Acheteur", Groups.VALIDATORS, PURCHASING_VALIDATORS.id()),
            new DemoUser("comptable", "Claude", "Comptable", Groups.ACCOUNTANTS),
            new DemoUser("analyste", "Anne", "Analyste", Groups.ANALYSTS),
            new DemoUser("manager", "Marc", "Manager", Groups.MANAGERS),
            new DemoUser("ocr", "Lecteur", "OCR", Groups.WORKERS));

    private DemoUsers() {
    }

    /** A demo account: its role's group, and the service groups it belongs to as well. */
    record DemoUser(String id, String firstName, String lastName, String group, String... serviceGroups) {
    }
}
