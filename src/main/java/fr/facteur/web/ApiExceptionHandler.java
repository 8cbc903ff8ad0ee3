package fr.facteur.web;

import fr.facteur.archive.DocumentIntegrityException;
import fr.facteur.capture.CaptureProperties;
import fr.facteur.capture.RejectedDocumentException;
import fr.facteur.extraction.OcrUnavailableException;
import fr.facteur.extraction.UnreadableDocumentException;
import fr.facteur.invoice.InvoiceNotFoundException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Turns failures into {@code {"error": ..., "detail": ...}} with the right HTTP status. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final CaptureProperties capture;

    public ApiExceptionHandler(CaptureProperties capture) {
        this.capture = capture;
    }

    @ExceptionHandler(RejectedDocumentException.class)
    ResponseEntity<ErrorJson> rejected(RejectedDocumentException e) {
        return switch (e.reason()) {
            case EMPTY -> error(HttpStatus.BAD_REQUEST, "Fichier vide", e.getMessage());
            case TOO_LARGE -> error(HttpStatus.PAYLOAD_TOO_LARGE, "Fichier trop volumineux", e.getMessage());
            case UNSUPPORTED_TYPE -> error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Type de fichier non pris en charge",
                    e.getMessage());
        };
    }

    @ExceptionHandler(UnreadableDocumentException.class)
    public ResponseEntity<ErrorJson> unreadable(UnreadableDocumentException e) {
        return switch (e.reason()) {
            case EMPTY -> error(HttpStatus.BAD_REQUEST, "Fichier vide", e.getMessage());
            case TOO_LARGE -> error(HttpStatus.PAYLOAD_TOO_LARGE, "Document trop volumineux", e.getMessage());
            case UNSUPPORTED_TYPE -> error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Type de fichier non pris en charge",
                    e.getMessage());
            case HOSTILE_XML -> error(HttpStatus.UNPROCESSABLE_ENTITY, "XML refusé", e.getMessage());
            case ENCRYPTED -> error(HttpStatus.UNPROCESSABLE_ENTITY, "PDF chiffré", e.getMessage());
            case CORRUPTED -> error(HttpStatus.UNPROCESSABLE_ENTITY, "Document illisible", e.getMessage());
            case NOT_AN_INVOICE -> error(HttpStatus.UNPROCESSABLE_ENTITY, "Pas une facture", e.getMessage());
        };
    }

    @ExceptionHandler(OcrUnavailableException.class)
    public ResponseEntity<ErrorJson> ocrUnavailable(OcrUnavailableException e) {
        log.error("OCR unavailable: {}", e.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "OCR indisponible", e.getMessage());
    }

    @ExceptionHandler({BadRequestException.class, HttpMessageNotReadableException.class,
        MethodArgumentNotValidException.class})
    public ResponseEntity<ErrorJson> badRequest(Exception e) {
        String detail = e instanceof MethodArgumentNotValidException invalid
                ? invalid.getBindingResult().getFieldErrors().stream()
                        .map(error -> error.getField() + " : " + error.getDefaultMessage()).toList().toString()
                : e instanceof HttpMessageNotReadableException ? "Le corps de la requête n'est pas un JSON attendu."
                : e.getMessage();
        return error(HttpStatus.BAD_REQUEST, "Requête invalide", detail);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorJson> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "Fichier trop volumineux",
                "Le fichier dépasse la taille maximale acceptée de " + capture.maxFileSize() + ".");
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ErrorJson> missingPart(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "Fichier manquant",
                "Joignez le document dans la partie « file » d'un envoi multipart/form-data.");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorJson> badMultipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "Envoi illisible",
                "La requête doit être un envoi multipart/form-data avec le document dans la partie « file ».");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorJson> badParameter(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "Paramètre invalide",
                "La valeur « " + e.getValue() + " » ne convient pas au paramètre « " + e.getName() + " ».");
    }

    @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class})
    ResponseEntity<ErrorJson> invalid(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "Paramètre invalide", e.getMessage());
    }

    @ExceptionHandler({InvoiceNotFoundException.class, NotFoundException.class})
    ResponseEntity<ErrorJson> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, "Introuvable", e.getMessage());
    }

    @ExceptionHandler(DocumentIntegrityException.class)
    ResponseEntity<ErrorJson> corrupted(DocumentIntegrityException e) {
        log.error("Refusing to serve a corrupted document: {}", e.getMessage());
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Document altéré",
                "Le contenu stocké ne correspond plus à son empreinte SHA-256 : il n'est pas servi.");
    }

    /** Spring MVC's own errors keep their status; anything else is an internal error, logged. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorJson> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            return error(status, status.getReasonPhrase(), response.getBody().getDetail());
        }
        log.error("Unexpected error while serving an API request", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne",
                "Une erreur inattendue s'est produite ; elle a été journalisée. Réessayez ou contactez l'exploitation.");
    }

    private static ResponseEntity<ErrorJson> error(HttpStatus status, String error, String detail) {
        return ResponseEntity.status(status).body(new ErrorJson(error, detail));
    }
}
