package fr.facteur.chorus;

/** Anything that went wrong talking to Chorus Pro. Messages never contain secrets. */
public abstract sealed class ChorusException extends RuntimeException
        permits ChorusFunctionalException, ChorusAuthenticationException, ChorusTechnicalException {

    protected ChorusException(String message, Throwable cause) {
        super(message, cause);
    }
}
