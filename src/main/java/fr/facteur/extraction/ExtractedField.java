package fr.facteur.extraction;

/**
 * One extracted value, as text (dates ISO 8601, amounts with a dot), with how sure we are of it
 * (0–1) and where it came from.
 */
public record ExtractedField(String value, double confidence, ExtractionSource source) {

    public ExtractedField {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an extracted field has a value");
        }
        confidence = Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100.0;
    }
}
