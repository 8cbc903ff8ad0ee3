package fr.facteur.invoice;

import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.StoredDocument;
import fr.facteur.extraction.DocumentTypeDetector;
import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.extraction.FacturXWriter;
import fr.facteur.extraction.InvoiceField;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of an emitted invoice's deposits: which file goes to Chorus Pro (the structured
 * document as it is when it says what the person confirmed, else a Factur-X built from the
 * confirmed fields), every attempt with its outcome, and an invoice number that is never sent
 * twice (table {@code emission_attempt}, unique per supplier).
 */
@Service
public class Emissions {

    /** How a deposit goes: a structured flux, or the PDF and the confirmed data (soumettre). */
    public enum Mode { FLUX, PDF }

    /** Where an attempt stands. */
    public enum State { DEPOSITED, INTEGRATED, REJECTED, REFUSED }

    /** One deposit of an invoice. */
    public record Attempt(long id, long invoiceId, String supplierSiret, String invoiceNumber, Mode mode,
                          String syntax, Long fileDocumentId, String fluxNumber, Long chorusId, State state,
                          String errors, OffsetDateTime depositedAt, OffsetDateTime updatedAt) {
    }

    /** The file to deposit: its bytes, name and Chorus syntax, and whether Facteur built it. */
    public record DepositFile(byte[] content, String filename, String syntax, boolean built, String why) {
    }

    /** The fields Chorus Pro reads in a structured file: they must say what the person confirmed. */
    private static final List<String> CHORUS_FIELDS = List.of("invoiceNumber", "supplierSiret", "buyerSiret",
            "serviceCode", "purchaseOrderReference", "issueDate", "totalHt", "totalTva", "totalTtc");

    /** Chorus Pro's {@code syntaxeFlux} of the formats it takes as they are. */
    private static final Map<ExtractionSource, String> SYNTAX_BY_SOURCE = Map.of(
            ExtractionSource.FACTURX, "IN_DP_E2_CII_FACTURX",
            ExtractionSource.CII, "IN_DP_E1_CII_16B",
            ExtractionSource.UBL, "IN_DP_E1_UBL_INVOICE");

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;
    private final InvoiceService invoiceService;
    private final InvoiceExtractions extractions;
    private final DocumentStore documents;
    private final InvoiceAudit audit;

    public Emissions(JdbcClient jdbc, InvoiceRepository invoices, InvoiceService invoiceService,
                     InvoiceExtractions extractions, DocumentStore documents, InvoiceAudit audit) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.invoiceService = invoiceService;
        this.extractions = extractions;
        this.documents = documents;
        this.audit = audit;
    }

    /**
     * The file to deposit for the invoice as confirmed.
     *
     * @throws IllegalArgumentException with a French reason when no valid file can be made (an
     *     XML that disagrees with the confirmed values, an image, totals with several VAT rates...)
     */
    public DepositFile depositFile(long invoiceId, Mode mode) {
        Invoice invoice = invoiceService.get(invoiceId);
        long documentId = invoiceService.mainDocumentId(invoiceId)
                .orElseThrow(() -> new IllegalArgumentException("La facture n'a pas de document principal."));
        DocumentContent main = documents.load(documentId)
                .orElseThrow(() -> new IllegalStateException("Document " + documentId + " is missing"));
        String number = invoice.index().invoiceNumber() == null ? "facture" : invoice.index().invoiceNumber();
        String safe = number.replaceAll("[^A-Za-z0-9_\\-]", "_");
        boolean pdf = DocumentTypeDetector.PDF.equals(main.document().mediaType());
        if (mode == Mode.PDF) {
            if (!pdf) {
                throw new IllegalArgumentException("Le dépôt en mode PDF demande un document PDF ; ce document est un "
                        + main.document().mediaType() + ".");
            }
            return new DepositFile(main.bytes(), safe + ".pdf", null, false, "PDF d'origine");
        }
        Optional<InvoiceExtractions.StoredExtraction> read = extractions.find(invoiceId);
        ExtractionSource source = read.map(r -> ExtractionSource.valueOf(r.source())).orElse(null);
        String syntax = source == null ? null : SYNTAX_BY_SOURCE.get(source);
        List<String> differences = read.map(r -> differences(r.fields(), invoice.index())).orElse(List.of("aucune lecture"));
        if (syntax != null && differences.isEmpty()) {
            String extension = pdf ? ".pdf" : ".xml";
            return new DepositFile(main.bytes(), safe + extension, syntax, false,
                    "document " + source + " déposé tel quel : il porte les valeurs confirmées");
        }
        InvoiceIndex ix = invoice.index();
        FacturXWriter.Content confirmed = new FacturXWriter.Content(ix.invoiceNumber(), ix.issueDate(), ix.dueDate(),
                ix.currency(), ix.supplierName(), ix.supplierSiret(), ix.supplierVatNumber(), ix.buyerName(),
                ix.buyerSiret(), ix.serviceCode(), ix.purchaseOrderReference(), ix.totalHt(), ix.totalTva(),
                ix.totalTtc());
        String why = String.join(", ", differences);
        if (source == ExtractionSource.FACTURX || source == ExtractionSource.CII || source == ExtractionSource.ZUGFERD) {
            try {
                byte[] rewritten = FacturXWriter.rewrite(main.bytes(), confirmed);
                return pdf ? new DepositFile(rewritten, "factur-x-" + safe + ".pdf", SYNTAX_BY_SOURCE.get(ExtractionSource.FACTURX),
                        true, "Factur-X réécrite avec les valeurs confirmées (" + why + "), lignes et TVA gardées")
                        : new DepositFile(rewritten, safe + ".xml", SYNTAX_BY_SOURCE.get(ExtractionSource.CII), true,
                                "CII réécrite avec les valeurs confirmées (" + why + "), lignes et TVA gardées");
            } catch (IllegalArgumentException e) {
                if (source != ExtractionSource.ZUGFERD || !pdf) {
                    throw e;
                }
                // a ZUGFeRD 1 XML cannot be rewritten: the PDF gets a Factur-X built from the confirmed fields
            }
        }
        if (!pdf) {
            throw new IllegalArgumentException("Le XML de la facture ne porte pas les valeurs confirmées (" + why
                    + ") et Facteur ne sait pas réécrire ce format (" + source + ") : corrigez la facture dans le "
                    + "logiciel qui l'a produite et déposez-la de nouveau, ou confirmez les valeurs du XML.");
        }
        return new DepositFile(FacturXWriter.write(main.bytes(), confirmed), "factur-x-" + safe + ".pdf",
                SYNTAX_BY_SOURCE.get(ExtractionSource.FACTURX), true, source == null || !source.isStructured()
                        ? "Factur-X construite sur le PDF à partir des valeurs confirmées"
                        : "Factur-X construite à partir des valeurs confirmées (" + source + " non réécrivable)");
    }

    private static List<String> differences(Map<String, ExtractedField> read, InvoiceIndex confirmed) {
        Map<String, Object> values = confirmed.asMap();
        List<String> differences = new ArrayList<>();
        for (String field : CHORUS_FIELDS) {
            Object expected = values.get(field);
            ExtractedField found = read.get(field);
            String actual = found == null ? null : found.value();
            boolean same = expected instanceof BigDecimal amount
                    ? actual != null && amount.compareTo(new BigDecimal(actual)) == 0
                    : Objects.equals(expected == null ? null : expected.toString(), actual);
            if (!same) {
                differences.add(IndexField.labelOf(field));
            }
        }
        return differences;
    }

    /** Problems with the invoice number on Facteur's side (a number already deposited, even rejected). */
    public List<String> numberProblems(long invoiceId, String supplierSiret, String invoiceNumber) {
        if (supplierSiret == null || invoiceNumber == null) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT invoice_id, state FROM facteur.emission_attempt
                        WHERE supplier_siret = :siret AND invoice_number = :number""")
                .param("siret", supplierSiret).param("number", invoiceNumber)
                .query((rs, n) -> "Le numéro de facture " + invoiceNumber + " a déjà été déposé sur Chorus Pro"
                        + (rs.getLong("invoice_id") == invoiceId ? " pour cette facture" : " (facture "
                                + rs.getLong("invoice_id") + ")")
                        + (rs.getString("state").equals("REJECTED") || rs.getString("state").equals("REFUSED")
                                ? " et rejeté : un numéro rejeté n'est jamais réutilisé, donnez-en un nouveau."
                                : " : donnez un nouveau numéro."))
                .list();
    }

    /**
     * Records a deposit: the file sent is kept with the invoice (GED, evidence pack), the attempt
     * is stored, and the invoice moves to "Déposée" (flux) or "Transmise" (an id already known).
     * In a transaction of its own: once Chorus Pro has the file, this stays true even if the step
     * that deposited it fails afterwards ({@link #attemptUnderNumber} tells its retry).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Attempt recordDeposit(long invoiceId, Mode mode, DepositFile file, String fluxNumber, Long chorusId,
                                 String actor) {
        Invoice invoice = invoiceService.get(invoiceId);
        Long fileDocumentId = null;
        if (file.built()) {
            StoredDocument stored = documents.store(file.content(), DocumentTypeDetector.PDF, file.filename());
            invoiceService.attachDocument(invoiceId, stored.id(), actor);
            fileDocumentId = stored.id();
        } else {
            fileDocumentId = invoiceService.mainDocumentId(invoiceId).orElse(null);
        }
        long id = jdbc.sql("""
                        INSERT INTO facteur.emission_attempt (invoice_id, supplier_siret, invoice_number, mode, syntax,
                            file_document_id, flux_number, chorus_id, state)
                        VALUES (:invoiceId, :siret, :number, :mode, :syntax, :fileId, :flux, :chorusId, :state)
                        RETURNING id""")
                .param("invoiceId", invoiceId).param("siret", invoice.index().supplierSiret())
                .param("number", invoice.index().invoiceNumber()).param("mode", mode.name())
                .param("syntax", file.syntax()).param("fileId", fileDocumentId).param("flux", fluxNumber)
                .param("chorusId", chorusId)
                .param("state", chorusId == null ? State.DEPOSITED.name() : State.INTEGRATED.name())
                .query(Long.class).single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode.name());
        details.put("syntax", file.syntax());
        details.put("filename", file.filename());
        details.put("fileDocumentId", fileDocumentId);
        details.put("file", file.why());
        details.put("fluxNumber", fluxNumber);
        details.put("chorusId", chorusId);
        audit.record(invoiceId, actor, AuditAction.CHORUS_CALL, fluxNumber != null
                ? "Facture " + invoice.index().invoiceNumber() + " déposée sur Chorus Pro, flux " + fluxNumber + " ("
                        + file.syntax() + ", " + file.why() + ")"
                : "Facture " + invoice.index().invoiceNumber() + " sur Chorus Pro, facture Chorus " + chorusId + " ("
                        + file.why() + ")", details);
        if (chorusId != null) {
            invoices.updateChorusId(invoiceId, chorusId);
            invoiceService.changeStatus(invoiceId, InvoiceStatus.SENT, actor, "Facture Chorus Pro " + chorusId);
        } else {
            invoiceService.changeStatus(invoiceId, InvoiceStatus.DEPOSITED, actor, "Flux " + fluxNumber);
        }
        return attempt(id);
    }

    /**
     * A deposit refused on the spot (soumettre): the number is burnt, the invoice goes back to a
     * person. In a transaction of its own, like {@link #recordDeposit}.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(long invoiceId, Mode mode, List<String> reasons, String actor) {
        Invoice invoice = invoiceService.get(invoiceId);
        jdbc.sql("""
                        INSERT INTO facteur.emission_attempt (invoice_id, supplier_siret, invoice_number, mode, state, errors)
                        VALUES (:invoiceId, :siret, :number, :mode, 'REFUSED', :errors)""")
                .param("invoiceId", invoiceId).param("siret", invoice.index().supplierSiret())
                .param("number", invoice.index().invoiceNumber()).param("mode", mode.name())
                .param("errors", String.join("\n", reasons)).update();
        audit.record(invoiceId, actor, AuditAction.CHORUS_CALL, "Dépôt refusé par Chorus Pro : "
                + String.join(" ; ", reasons), Map.of("reasons", reasons));
        invoiceService.changeStatus(invoiceId, InvoiceStatus.TO_CORRECT, actor, String.join(" ; ", reasons));
    }

    /** The flux was integrated: the invoice now has its Chorus Pro id. */
    @Transactional
    public void recordIntegrated(long attemptId, long chorusId, String actor) {
        Attempt attempt = attempt(attemptId);
        jdbc.sql("UPDATE facteur.emission_attempt SET state = 'INTEGRATED', chorus_id = :chorusId, updated_at = now() "
                        + "WHERE id = :id")
                .param("chorusId", chorusId).param("id", attemptId).update();
        invoices.updateChorusId(attempt.invoiceId(), chorusId);
        audit.record(attempt.invoiceId(), actor, AuditAction.CHORUS_CALL, "Flux " + attempt.fluxNumber()
                + " intégré par Chorus Pro : facture Chorus " + chorusId, Map.of("fluxNumber", attempt.fluxNumber(),
                "chorusId", chorusId));
        invoiceService.changeStatus(attempt.invoiceId(), InvoiceStatus.SENT, actor, "Facture Chorus Pro " + chorusId);
    }

    /** The flux was rejected: reasons kept, the invoice goes to correction. */
    @Transactional
    public void recordRejected(long attemptId, List<String> reasons, String actor) {
        Attempt attempt = attempt(attemptId);
        jdbc.sql("UPDATE facteur.emission_attempt SET state = 'REJECTED', errors = :errors, updated_at = now() "
                        + "WHERE id = :id")
                .param("errors", String.join("\n", reasons)).param("id", attemptId).update();
        audit.record(attempt.invoiceId(), actor, AuditAction.CHORUS_CALL, "Flux " + attempt.fluxNumber()
                + " rejeté par Chorus Pro : " + String.join(" ; ", reasons), Map.of("fluxNumber",
                attempt.fluxNumber(), "reasons", reasons));
        invoiceService.changeStatus(attempt.invoiceId(), InvoiceStatus.TO_CORRECT, actor, String.join(" ; ", reasons));
    }

    /** The attempt this invoice already made under this number, if any. */
    public Optional<Attempt> attemptUnderNumber(long invoiceId, String invoiceNumber) {
        return jdbc.sql("""
                        SELECT * FROM facteur.emission_attempt WHERE invoice_id = :id AND invoice_number = :number
                        ORDER BY id DESC LIMIT 1""")
                .param("id", invoiceId).param("number", invoiceNumber).query(Emissions::map).optional();
    }

    /** The invoice's latest attempt. */
    public Optional<Attempt> latest(long invoiceId) {
        return jdbc.sql("SELECT * FROM facteur.emission_attempt WHERE invoice_id = :id ORDER BY id DESC LIMIT 1")
                .param("id", invoiceId).query(Emissions::map).optional();
    }

    public List<Attempt> attempts(long invoiceId) {
        return jdbc.sql("SELECT * FROM facteur.emission_attempt WHERE invoice_id = :id ORDER BY id")
                .param("id", invoiceId).query(Emissions::map).list();
    }

    private Attempt attempt(long id) {
        return jdbc.sql("SELECT * FROM facteur.emission_attempt WHERE id = :id").param("id", id)
                .query(Emissions::map).single();
    }

    private static Attempt map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Attempt(rs.getLong("id"), rs.getLong("invoice_id"), rs.getString("supplier_siret"),
                rs.getString("invoice_number"), Mode.valueOf(rs.getString("mode")), rs.getString("syntax"),
                (Long) rs.getObject("file_document_id"), rs.getString("flux_number"), (Long) rs.getObject("chorus_id"),
                State.valueOf(rs.getString("state")), rs.getString("errors"),
                rs.getObject("deposited_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
