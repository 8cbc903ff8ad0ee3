package fr.facteur.archive;

/** The stored bytes no longer match the SHA-256 recorded at intake: never serve them silently. */
public class DocumentIntegrityException extends RuntimeException {

    public DocumentIntegrityException(long documentId, String expected, String actual) {
        super("Document " + documentId + " is corrupted: SHA-256 " + actual + " instead of " + expected);
    }
}
