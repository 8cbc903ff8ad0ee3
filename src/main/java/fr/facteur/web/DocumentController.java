package fr.facteur.web;

import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Documents")
public class DocumentController {

    private final DocumentStore documents;

    public DocumentController(DocumentStore documents) {
        this.documents = documents;
    }

    @Operation(summary = "Télécharger un document", description = "Les octets d'origine, vérifiés par leur SHA-256.")
    @GetMapping("/api/documents/{id}")
    public ResponseEntity<byte[]> get(@PathVariable long id) {
        DocumentContent content = documents.load(id).orElseThrow(() -> new NotFoundException("Document", id));
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
}
