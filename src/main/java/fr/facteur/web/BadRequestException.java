package fr.facteur.web;

/** A request the API understands but cannot accept; the message says why, in French. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
