package fr.facteur.invoice;

/** The part a document plays for an invoice. */
public enum DocumentRole {
    MAIN,
    ATTACHMENT
}
