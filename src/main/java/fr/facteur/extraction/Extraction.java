package fr.facteur.extraction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline read from one document.
 *
 * @param source the branch that produced the fields
 * @param pages  pages of the document (1 for an image or an XML file)
 * @param fields found fields only, in {@link InvoiceField#ALL} order
 * @param text   the document's full text (for search); the XML itself for structured sources
 */
public record Extraction(ExtractionSource source, int pages, Map<String, ExtractedField> fields,
                         List<String> warnings, String text) {

    public Extraction {
        Map<String, ExtractedField> ordered = new LinkedHashMap<>();
        for (String name : InvoiceField.ALL) {
            if (fields.containsKey(name)) {
                ordered.put(name, fields.get(name));
            }
        }
        fields = Collections.unmodifiableMap(ordered);
        warnings = List.copyOf(warnings);
        text = text == null ? "" : text;
    }

    public String value(String field) {
        ExtractedField extracted = fields.get(field);
        return extracted == null ? null : extracted.value();
    }

    public double confidence(String field) {
        ExtractedField extracted = fields.get(field);
        return extracted == null ? 0 : extracted.confidence();
    }
}
