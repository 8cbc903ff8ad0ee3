package fr.facteur.capture;

/** A document refused at intake, before anything is stored; the message is for the user. */
public class RejectedDocumentException extends RuntimeException {

    /** Why a document was refused. */
    public enum Reason {
        EMPTY,
        TOO_LARGE,
        UNSUPPORTED_TYPE
    }

    private final Reason reason;

    public RejectedDocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
