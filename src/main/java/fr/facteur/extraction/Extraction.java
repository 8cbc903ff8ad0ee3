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

    /** Fields an invoice cannot be validated without, besides a supplier identified by SIRET or VAT number. */
    public static final List<String> MANDATORY = List.of(InvoiceField.INVOICE_NUMBER,
            InvoiceField.ISSUE_DATE, InvoiceField.CURRENCY, InvoiceField.TOTAL_HT, InvoiceField.TOTAL_TVA,
            InvoiceField.TOTAL_TTC);

    /**
     * The mandatory fields a person must look at: missing, or read with less than
     * {@code minConfidence}; plus the supplier when neither its SIRET nor its VAT number is sure.
     */
    public List<String> doubtfulFields(double minConfidence) {
        List<String> doubtful = new java.util.ArrayList<>();
        for (String field : MANDATORY) {
            if (confidence(field) < minConfidence) {
                doubtful.add(field);
            }
        }
        boolean supplierIdentified = confidence(InvoiceField.SUPPLIER_SIRET) >= minConfidence
                || confidence(InvoiceField.SUPPLIER_VAT_NUMBER) >= minConfidence;
        if (!supplierIdentified) {
            // the name printed on a page is never enough to know who is paid
            doubtful.add(InvoiceField.SUPPLIER_SIRET);
            if (confidence(InvoiceField.SUPPLIER_NAME) < minConfidence) {
                doubtful.add(InvoiceField.SUPPLIER_NAME);
            }
        }
        return doubtful;
    }
}
