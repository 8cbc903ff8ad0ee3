package fr.facteur.web;

import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.ExtractionService;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Reads a document without storing anything: the same pipeline the reception process runs. */
@RestController
@RequestMapping("/api/extractions")
public class ExtractionController {

    private final ExtractionService extraction;

    public ExtractionController(ExtractionService extraction) {
        this.extraction = extraction;
    }

    /** One extracted field as the API shows it. */
    public record FieldJson(String value, double confidence, String source) {
    }

    /** What the pipeline read; {@code fields} has only the fields found. */
    public record ExtractionJson(String source, int pages, Map<String, FieldJson> fields, List<String> warnings) {

        static ExtractionJson of(Extraction extraction) {
            Map<String, FieldJson> fields = new LinkedHashMap<>();
            for (Map.Entry<String, ExtractedField> field : extraction.fields().entrySet()) {
                ExtractedField value = field.getValue();
                fields.put(field.getKey(), new FieldJson(value.value(), value.confidence(), value.source().name()));
            }
            return new ExtractionJson(extraction.source().name(), extraction.pages(), fields, extraction.warnings());
        }
    }

    @Operation(summary = "Extraire les données d'une facture (XML structuré, texte du PDF, puis OCR), sans rien enregistrer")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ExtractionJson extract(@RequestParam("file") MultipartFile file) throws IOException {
        return ExtractionJson.of(extraction.extract(file.getBytes()));
    }
}
