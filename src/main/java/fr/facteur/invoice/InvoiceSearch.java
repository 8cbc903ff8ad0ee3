package fr.facteur.invoice;

import fr.facteur.archive.DocumentStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds invoices by what they say: their index data (number, supplier, SIRET, VAT, buyer, order,
 * service) and the text of their documents (text layer or OCR, mail bodies, attachments), in
 * French with accents ignored, best first.
 */
@Service
public class InvoiceSearch {

    /** How many documents' texts are looked at for one query, before grouping by invoice. */
    private static final int DOCUMENT_HITS = 500;

    /** One invoice found, with why: the passage of its text or its data that matched. */
    public record Found(Invoice invoice, double rank, String highlight) {
    }

    private final JdbcClient jdbc;
    private final DocumentStore documents;
    private final InvoiceRepository invoices;

    public InvoiceSearch(JdbcClient jdbc, DocumentStore documents, InvoiceRepository invoices) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.invoices = invoices;
    }

    /** Every invoice found (at most a few hundred), best first. */
    public List<Found> search(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        // index data counts double: a supplier's name beats a word somewhere in a document
        Map<Long, Double> dataRanks = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT id, ts_rank(search, q) * 2 AS rank
                FROM facteur.invoice, websearch_to_tsquery('facteur.fr_unaccent', :query) q
                WHERE search @@ q
                ORDER BY rank DESC, id DESC
                LIMIT :limit""")
                .param("query", query).param("limit", DOCUMENT_HITS)
                .query((rs, n) -> Map.entry(rs.getLong("id"), rs.getDouble("rank")))
                .list()
                .forEach(hit -> dataRanks.put(hit.getKey(), hit.getValue()));
        List<DocumentStore.TextHit> hits = documents.searchText(query, DOCUMENT_HITS);
        Map<Long, List<Long>> invoicesByDocument = invoicesOf(hits.stream().map(DocumentStore.TextHit::documentId).toList());
        Set<Long> ids = new HashSet<>(dataRanks.keySet());
        invoicesByDocument.values().forEach(ids::addAll);
        Map<Long, Invoice> records = invoices.findAll(ids);

        Map<Long, Found> found = new LinkedHashMap<>();
        dataRanks.forEach((id, rank) -> {
            Invoice invoice = records.get(id);
            if (invoice != null) {
                found.put(id, new Found(invoice, rank, describe(invoice)));
            }
        });
        for (DocumentStore.TextHit hit : hits) {
            for (Long invoiceId : invoicesByDocument.getOrDefault(hit.documentId(), List.of())) {
                Found known = found.get(invoiceId);
                if (known == null) {
                    Invoice invoice = records.get(invoiceId);
                    if (invoice != null) {
                        found.put(invoiceId, new Found(invoice, hit.rank(), hit.highlight()));
                    }
                } else {
                    found.put(invoiceId, new Found(known.invoice(), known.rank() + hit.rank(), hit.highlight()));
                }
            }
        }
        List<Found> ranked = new ArrayList<>(found.values());
        ranked.sort(Comparator.comparingDouble(Found::rank).reversed()
                .thenComparing(f -> f.invoice().id(), Comparator.reverseOrder()));
        return ranked;
    }

    /** The invoices each document belongs to, in one query. */
    private Map<Long, List<Long>> invoicesOf(List<Long> documentIds) {
        Map<Long, List<Long>> byDocument = new HashMap<>();
        if (documentIds.isEmpty()) {
            return byDocument;
        }
        jdbc.sql("SELECT document_id, invoice_id FROM facteur.invoice_document WHERE document_id IN (:ids)")
                .param("ids", documentIds)
                .query((rs, n) -> Map.entry(rs.getLong("document_id"), rs.getLong("invoice_id")))
                .list()
                .forEach(link -> byDocument.computeIfAbsent(link.getKey(), id -> new ArrayList<>()).add(link.getValue()));
        return byDocument;
    }

    private static String describe(Invoice invoice) {
        InvoiceIndex ix = invoice.index();
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {ix.invoiceNumber(), ix.supplierName(), ix.supplierSiret(), ix.buyerName(),
            ix.purchaseOrderReference()}) {
            if (part != null && !part.isBlank()) {
                parts.add(part);
            }
        }
        return String.join(" · ", parts);
    }
}
