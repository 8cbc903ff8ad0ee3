package fr.facteur.web;

import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.StoredDocument;
import fr.facteur.extraction.PagePreviews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@Tag(name = "Documents")
public class DocumentController {

    private final DocumentStore documents;
    private final PagePreviews previews;

    public DocumentController(DocumentStore documents, PagePreviews previews) {
        this.documents = documents;
        this.previews = previews;
    }

    /** How a document can be shown: its pages as pictures (PDF), the image itself, its text (XML), or not at all. */
    public record DocumentView(long documentId, String mediaType, String filename, String display, int pages) {
    }

    @Operation(summary = "Télécharger un document", description = "Les octets d'origine, vérifiés par leur SHA-256.")
    @GetMapping("/api/documents/{id}")
    public ResponseEntity<byte[]> get(@PathVariable long id) {
        DocumentContent content = load(id);
        String filename = content.document().filename() == null
                ? "document-" + id : content.document().filename();
        MediaType type = MediaType.parseMediaType(content.document().mediaType());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!type.equals(MediaType.APPLICATION_PDF) && !"image".equals(type.getType())) {
            // XML and text added by users are shown, never run: no script, no form, no plugin
            response.header("Content-Security-Policy", "sandbox; default-src 'none'");
        }
        return response
                .contentType(type)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(filename, StandardCharsets.UTF_8)
                                .build().toString())
                .eTag("\"" + content.document().sha256() + "\"")
                .body(content.bytes());
    }

    @Operation(summary = "Comment afficher un document",
            description = "display = pages (PDF : GET …/pages/{n} pour chaque page), image (le document lui-même), "
                    + "text (XML, affiché sans être exécuté) ou none (image trop grande ou illisible : à télécharger).")
    @GetMapping("/api/documents/{id}/view")
    public DocumentView view(@PathVariable long id) {
        DocumentContent content = load(id);
        StoredDocument document = content.document();
        MediaType type = MediaType.parseMediaType(document.mediaType());
        if (type.equals(MediaType.APPLICATION_PDF)) {
            return new DocumentView(id, document.mediaType(), document.filename(), "pages",
                    previews.pageCount(content.bytes()));
        }
        if ("image".equals(type.getType())) {
            return new DocumentView(id, document.mediaType(), document.filename(),
                    previews.imageShowable(content.bytes()) ? "image" : "none", 1);
        }
        return new DocumentView(id, document.mediaType(), document.filename(), "text", 1);
    }

    @Operation(summary = "Une page d'un PDF en image",
            description = "PNG de 1100 pixels de large au plus, dessiné par le serveur (pages numérotées à partir de 1).")
    @GetMapping(value = "/api/documents/{id}/pages/{page}", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> page(@PathVariable long id, @PathVariable int page, WebRequest request) {
        DocumentContent content = load(id);
        if (!MediaType.APPLICATION_PDF.equals(MediaType.parseMediaType(content.document().mediaType()))) {
            throw new NotFoundException("Page de document", id);
        }
        String etag = "\"" + content.document().sha256() + "-" + page + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        byte[] png;
        try {
            png = previews.png(content.bytes(), page);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Page " + page + " du document", id);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .header("X-Content-Type-Options", "nosniff")
                // a stored document never changes: the browser may keep the picture for the person
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .eTag(etag)
                .body(png);
    }

    private DocumentContent load(long id) {
        return documents.load(id).orElseThrow(() -> new NotFoundException("Document", id));
    }
}
