package fr.facteur.web;

import fr.facteur.extraction.ExtractedField;
import fr.facteur.capture.DirectoryNames;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What was read from an invoice's main document: shown to users, and written by the separate
 * OCR workers (profile {@code ocr-worker}), which reach Facteur only over HTTP.
 */
@RestController
@RequestMapping("/api/invoices/{id}/extraction")
public class InvoiceExtractionController {

    private final InvoiceService invoices;
    private final InvoiceExtractions extractions;
    private final DirectoryNames directoryNames;

    public InvoiceExtractionController(InvoiceService invoices, InvoiceExtractions extractions,
                                       DirectoryNames directoryNames) {
        this.directoryNames = directoryNames;
        this.invoices = invoices;
        this.extractions = extractions;
    }

    /** A reading sent by a worker: the extraction JSON, the document it read and its full text. */
    public record ExtractionUpload(@NotNull ExtractionSource source, @Min(1) int pages,
                                   @NotNull Map<String, ExtractionController.FieldJson> fields, List<String> warnings,
                                   String text, long documentId) {
    }

    @Operation(summary = "Ce que la lecture (XML, texte ou OCR) a trouvé dans le document de la facture")
    @GetMapping
    public ExtractionController.ExtractionJson get(@PathVariable long id) {
        invoices.get(id);
        InvoiceExtractions.StoredExtraction stored = extractions.find(id)
                .orElseThrow(() -> new NotFoundException("Lecture de la facture", id));
        Map<String, ExtractionController.FieldJson> fields = new LinkedHashMap<>();
        stored.fields().forEach((name, field) -> fields.put(name,
                new ExtractionController.FieldJson(field.value(), field.confidence(), field.source().name())));
        return new ExtractionController.ExtractionJson(stored.source(), stored.pages(), fields, stored.warnings());
    }

    @Operation(summary = "Enregistrer la lecture d'un document (réservé aux workers OCR)")
    @PutMapping
    public ExtractionController.ExtractionJson put(@PathVariable long id, @Valid @RequestBody ExtractionUpload upload,
                                                 Principal principal) {
        long mainDocument = invoices.mainDocumentId(id)
                .orElseThrow(() -> new NotFoundException("Document de la facture", id));
        if (mainDocument != upload.documentId()) {
            throw new BadRequestException("Le document " + upload.documentId() + " n'est pas celui de la facture " + id
                    + " (" + mainDocument + ").");
        }
        Map<String, ExtractedField> fields = new LinkedHashMap<>();
        try {
            upload.fields().forEach((name, field) -> fields.put(name, new ExtractedField(field.value(), field.confidence(),
                    field.source() == null ? upload.source() : ExtractionSource.valueOf(field.source()))));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Champ extrait invalide : " + e.getMessage());
        }
        Extraction extraction = directoryNames.confirm(new Extraction(upload.source(), upload.pages(), fields,
                upload.warnings() == null ? List.of() : upload.warnings(), upload.text()));
        extractions.record(id, mainDocument, extraction, principal.getName());
        return get(id);
    }
}
