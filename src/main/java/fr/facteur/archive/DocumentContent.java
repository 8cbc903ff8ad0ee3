package fr.facteur.archive;

/** A document with its bytes, verified against the stored SHA-256. */
public record DocumentContent(StoredDocument document, byte[] bytes) {
}
