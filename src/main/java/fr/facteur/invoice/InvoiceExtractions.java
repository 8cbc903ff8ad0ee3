package fr.facteur.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.archive.DocumentStore;
import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.InvoiceField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps what the extraction read on the invoice: per-field value, confidence and source, the
 * document's text in the archive (for search), and the index fields still unknown filled in —
 * never overwriting what Chorus Pro or a person already gave.
 */
@Service
public class InvoiceExtractions {

    /** The stored reading of an invoice. */
    public record StoredExtraction(String source, int pages, Map<String, ExtractedField> fields, List<String> warnings) {
    }

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;
    private final DocumentStore documents;
    private final ObjectMapper json;
    private final InvoiceAudit audit;

    public InvoiceExtractions(JdbcClient jdbc, InvoiceRepository invoices, DocumentStore documents, ObjectMapper json,
                              InvoiceAudit audit) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.documents = documents;
        this.json = json;
        this.audit = audit;
    }

    /** Keeps what {@code actor} (a worker) read in the invoice's document {@code documentId}. */
    @Transactional
    public Invoice record(long invoiceId, long documentId, Extraction extraction, String actor) {
        Invoice invoice = invoices.findForUpdate(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        jdbc.sql("""
                INSERT INTO facteur.invoice_extraction (invoice_id, source, pages, fields, warnings)
                VALUES (:id, :source, :pages, CAST(:fields AS jsonb), CAST(:warnings AS jsonb))
                ON CONFLICT (invoice_id) DO UPDATE SET source = EXCLUDED.source, pages = EXCLUDED.pages,
                    fields = EXCLUDED.fields, warnings = EXCLUDED.warnings, extracted_at = now()""")
                .param("id", invoiceId)
                .param("source", extraction.source().name())
                .param("pages", extraction.pages())
                .param("fields", write(extraction.fields()))
                .param("warnings", write(extraction.warnings()))
                .update();
        documents.saveText(documentId, extraction.text());
        InvoiceIndex filled = filled(invoice.index(), extraction);
        invoices.updateIndex(invoiceId, filled);
        Map<String, Object> completed = new LinkedHashMap<>();
        Map<String, Object> before = invoice.index().asMap();
        filled.asMap().forEach((field, value) -> {
            if (before.get(field) == null && value != null) {
                completed.put(field, value);
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentId", documentId);
        details.put("source", extraction.source().name());
        details.put("pages", extraction.pages());
        details.put("fieldsRead", extraction.fields().size());
        details.put("fieldsCompleted", completed);
        details.put("warnings", extraction.warnings());
        audit.record(invoiceId, actor, AuditAction.EXTRACTION, "Document lu (" + extraction.source() + ", "
                + extraction.pages() + " page(s)) : " + extraction.fields().size() + " champ(s) lu(s), "
                + completed.size() + " complété(s) sur la facture", details);
        String iban = extraction.value(InvoiceField.IBAN);
        if (iban != null) {
            jdbc.sql("UPDATE facteur.invoice SET iban = COALESCE(iban, :iban) WHERE id = :id")
                    .param("iban", iban).param("id", invoiceId).update();
        }
        return invoices.find(invoiceId).orElseThrow();
    }

    /** Records that the document could not be read (the invoice goes to a person). */
    @Transactional
    public void recordUnreadable(long invoiceId, long documentId, String reason, String actor) {
        audit.record(invoiceId, actor, AuditAction.EXTRACTION, "Document illisible : " + reason,
                Map.of("documentId", documentId, "reason", reason));
    }

    public Optional<StoredExtraction> find(long invoiceId) {
        return jdbc.sql("SELECT source, pages, fields::text AS fields, warnings::text AS warnings "
                        + "FROM facteur.invoice_extraction WHERE invoice_id = :id")
                .param("id", invoiceId)
                .query((rs, n) -> new StoredExtraction(rs.getString("source"), rs.getInt("pages"),
                        readFields(rs.getString("fields")), readWarnings(rs.getString("warnings"))))
                .optional();
    }

    /** The known index with its unknown fields taken from the extraction. */
    static InvoiceIndex filled(InvoiceIndex ix, Extraction e) {
        return new InvoiceIndex(
                first(ix.supplierName(), text(e, InvoiceField.SUPPLIER_NAME, 255)),
                first(ix.supplierSiret(), siret(e, InvoiceField.SUPPLIER_SIRET)),
                first(ix.supplierVatNumber(), text(e, InvoiceField.SUPPLIER_VAT_NUMBER, 20)),
                first(ix.buyerName(), text(e, InvoiceField.BUYER_NAME, 255)),
                first(ix.buyerSiret(), siret(e, InvoiceField.BUYER_SIRET)),
                first(ix.invoiceNumber(), text(e, InvoiceField.INVOICE_NUMBER, 100)),
                first(ix.issueDate(), date(e, InvoiceField.ISSUE_DATE)),
                first(ix.dueDate(), date(e, InvoiceField.DUE_DATE)),
                first(ix.currency(), currency(e)),
                first(ix.totalHt(), amount(e, InvoiceField.TOTAL_HT)),
                first(ix.totalTva(), amount(e, InvoiceField.TOTAL_TVA)),
                first(ix.totalTtc(), amount(e, InvoiceField.TOTAL_TTC)),
                first(ix.purchaseOrderReference(), text(e, InvoiceField.PURCHASE_ORDER_REFERENCE, 100)),
                first(ix.serviceCode(), text(e, InvoiceField.SERVICE_CODE, 100)));
    }

    private static <T> T first(T known, T extracted) {
        return known != null ? known : extracted;
    }

    private static String text(Extraction e, String field, int max) {
        String value = e.value(field);
        return value == null ? null : value.length() > max ? value.substring(0, max) : value;
    }

    private static String siret(Extraction e, String field) {
        String value = e.value(field);
        return value != null && value.matches("\\d{14}") ? value : null;
    }

    private static String currency(Extraction e) {
        String value = e.value(InvoiceField.CURRENCY);
        return value != null && value.matches("[A-Z]{3}") ? value : null;
    }

    private static LocalDate date(Extraction e, String field) {
        String value = e.value(field);
        return value == null ? null : LocalDate.parse(value);
    }

    private static BigDecimal amount(Extraction e, String field) {
        String value = e.value(field);
        if (value == null) {
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        // NUMERIC(15, 2): a value that does not fit is left for the person completing the indexing
        return amount.abs().compareTo(new BigDecimal("1e13")) >= 0 ? null : amount.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, ExtractedField> readFields(String text) {
        try {
            Map<String, ExtractedField> fields = new LinkedHashMap<>();
            json.readTree(text).fields().forEachRemaining(entry -> fields.put(entry.getKey(),
                    json.convertValue(entry.getValue(), ExtractedField.class)));
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> readWarnings(String text) {
        try {
            return List.of(json.readValue(text, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
