package fr.facteur.security;

import java.util.List;

/** The demo accounts of the default run; their password is their user name. */
public final class DemoUsers {

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("demo", "Démo", "Administrateur", Groups.ADMIN),
            new DemoUser("valideur", "Valérie", "Valideuse", Groups.VALIDATORS),
            new DemoUser("comptable", "Claude", "Comptable", Groups.ACCOUNTANTS),
            new DemoUser("analyste", "Anne", "Analyste", Groups.ANALYSTS),
            new DemoUser("manager", "Marc", "Manager", Groups.MANAGERS),
            new DemoUser("ocr", "Lecteur", "OCR", Groups.WORKERS));

    private DemoUsers() {
    }

    record DemoUser(String id, String firstName, String lastName, String group) {
    }
}
