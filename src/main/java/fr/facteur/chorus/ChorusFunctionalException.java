package fr.facteur.chorus;

/**
 * Chorus Pro answered with a non-zero {@code codeRetour}: a business outcome (for example 20002,
 * a status transition that is not allowed), not something to retry.
 */
public final class ChorusFunctionalException extends ChorusException {

    private final String operation;
    private final int codeRetour;
    private final String libelle;

    public ChorusFunctionalException(String operation, int codeRetour, String libelle) {
        super("Chorus Pro " + operation + " refused: codeRetour " + codeRetour + " — " + libelle, null);
        this.operation = operation;
        this.codeRetour = codeRetour;
        this.libelle = libelle;
    }

    public String operation() {
        return operation;
    }

    public int codeRetour() {
        return codeRetour;
    }

    public String libelle() {
        return libelle;
    }
}
