package fr.facteur.extraction;

/** The OCR engine cannot run on this machine (a configuration problem, worth an incident and a retry). */
public class OcrUnavailableException extends RuntimeException {

    public OcrUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
