package fr.facteur.security;

import java.util.List;

/** The groups Facteur's roles are built on; the same ids in Camunda and (later) in Keycloak. */
public final class Groups {

    public static final String ADMIN = "camunda-admin";
    public static final String VALIDATORS = "valideurs";
    public static final String ACCOUNTANTS = "comptables";
    public static final String ANALYSTS = "analystes";
    public static final String MANAGERS = "managers";
    /** Technical accounts of the separate OCR workers (profile {@code ocr-worker}). */
    public static final String WORKERS = "workers";

    /** The business groups, each with its French display name. */
    public static final List<GroupDefinition> ALL = List.of(
            new GroupDefinition(ADMIN, "Administrateurs"),
            new GroupDefinition(VALIDATORS, "Valideurs"),
            new GroupDefinition(ACCOUNTANTS, "Comptables"),
            new GroupDefinition(ANALYSTS, "Analystes des processus"),
            new GroupDefinition(MANAGERS, "Managers"),
            new GroupDefinition(WORKERS, "Services techniques (OCR)"));

    private Groups() {
    }

    public record GroupDefinition(String id, String name) {
    }
}
