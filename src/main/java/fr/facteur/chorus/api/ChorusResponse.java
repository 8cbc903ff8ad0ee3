package fr.facteur.chorus.api;

/** Every Chorus Pro answer carries a return code (0 = success) and a label. */
public interface ChorusResponse {

    Integer codeRetour();

    String libelle();
}
