package fr.facteur.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The development corpus (a copy of {@code shared/corpus/dev}: real sample e-invoices with their
 * ground truth) and how a truth field compares with ours.
 */
public final class Corpus {

    /** Truth key → our field name. */
    public static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("invoice_number", InvoiceField.INVOICE_NUMBER);
        FIELDS.put("invoice_date", InvoiceField.ISSUE_DATE);
        FIELDS.put("due_date", InvoiceField.DUE_DATE);
        FIELDS.put("currency", InvoiceField.CURRENCY);
        FIELDS.put("total_ht", InvoiceField.TOTAL_HT);
        FIELDS.put("total_tva", InvoiceField.TOTAL_TVA);
        FIELDS.put("total_ttc", InvoiceField.TOTAL_TTC);
        FIELDS.put("purchase_order", InvoiceField.PURCHASE_ORDER_REFERENCE);
        FIELDS.put("supplier_name", InvoiceField.SUPPLIER_NAME);
        FIELDS.put("supplier_vat", InvoiceField.SUPPLIER_VAT_NUMBER);
        FIELDS.put("supplier_siret", InvoiceField.SUPPLIER_SIRET);
        FIELDS.put("buyer_name", InvoiceField.BUYER_NAME);
        FIELDS.put("buyer_siret", InvoiceField.BUYER_SIRET);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One document and its truth. */
    public record Entry(Path file, JsonNode truth) {

        public String name() {
            return file.getFileName().toString();
        }

        public boolean isPdf() {
            return name().endsWith(".pdf");
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String expected(String truthKey) {
            JsonNode value = truth.get(truthKey);
            return value == null || value.isNull() ? null : value.asText();
        }

        /** Whether the field is printed on the page (only those are scored on the OCR path). */
        public boolean printed(String truthKey) {
            JsonNode found = truth.path("pdf").path("found_in_text_layer").get(truthKey);
            return found != null && found.asBoolean();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private Corpus() {
    }

    public static Path directory() {
        try {
            return Path.of(Corpus.class.getResource("/corpus/index.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pdf") || name.endsWith(".xml")) {
                    Path truth = file.resolveSibling(name.replaceFirst("\\.(pdf|xml)$", ".truth.json"));
                    entries.add(new Entry(file, JSON.readTree(truth.toFile())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Same value: amounts as decimals, identifiers without spaces, text trimmed and case-insensitive. */
    public static boolean matches(String truthKey, String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (truthKey.startsWith("total_")) {
            try {
                return new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (truthKey.endsWith("_vat") || truthKey.endsWith("_siret")) {
            return expected.replaceAll("\\s", "").equalsIgnoreCase(actual.replaceAll("\\s", ""));
        }
        return normalizeText(expected).equals(normalizeText(actual));
    }

    private static String normalizeText(String text) {
        return text.replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
    }
}
