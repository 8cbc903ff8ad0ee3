package fr.facteur.invoice;

/** How an invoice reached Facteur. */
public enum Channel {
    CHORUS,
    UPLOAD,
    FOLDER,
    EMAIL
}
