package fr.facteur.extraction;

/** The document cannot be read at all (corrupted, encrypted, empty, too big, hostile XML...). */
public class UnreadableDocumentException extends RuntimeException {

    public enum Reason { EMPTY, CORRUPTED, ENCRYPTED, TOO_LARGE, HOSTILE_XML, NOT_AN_INVOICE, UNSUPPORTED_TYPE }

    private final Reason reason;

    public UnreadableDocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnreadableDocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
