package fr.facteur.emission;

import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.Sha256;
import fr.facteur.archive.StoredDocument;
import fr.facteur.emission.EmissionAttempts.Mode;
import fr.facteur.extraction.ConformityValidator;
import fr.facteur.extraction.DocumentTypeDetector;
import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.extraction.FacturXWriter;
import fr.facteur.invoice.IndexField;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which file goes to Chorus Pro for an emitted invoice: the structured document as it is when it
 * says what the person confirmed, else a Factur-X (or CII) rewritten or built from the confirmed
 * fields and the seller's configuration ({@code facteur.emission.sellers}, legal notes) — and only
 * a file that passes Mustang's validator (PDF/A-3, EN 16931, French CIUS): a PDF that is not PDF/A
 * gets a page drawn by Facteur, the supplier's PDF attached inside. The pre-flight
 * {@linkplain #prepare prepares} it once; the deposit {@linkplain #prepared sends that very file}
 * (table {@code emission_prepared_file}), built again only when the confirmed data, the main
 * document or the seller's configuration changed in between.
 */
@Service
public class DepositFiles {

    private static final Logger log = LoggerFactory.getLogger(DepositFiles.class);

    /** The fields Chorus Pro reads in a structured file: they must say what the person confirmed. */
    private static final List<IndexField> CHORUS_FIELDS = List.of(IndexField.INVOICE_NUMBER,
            IndexField.SUPPLIER_SIRET, IndexField.BUYER_SIRET, IndexField.SERVICE_CODE,
            IndexField.PURCHASE_ORDER_REFERENCE, IndexField.ISSUE_DATE, IndexField.TOTAL_HT, IndexField.TOTAL_TVA,
            IndexField.TOTAL_TTC);

    /** Chorus Pro's {@code syntaxeFlux} of the formats it takes as they are. */
    private static final Map<ExtractionSource, String> SYNTAX_BY_SOURCE = Map.of(
            ExtractionSource.FACTURX, "IN_DP_E2_CII_FACTURX",
            ExtractionSource.CII, "IN_DP_E1_CII_16B",
            ExtractionSource.UBL, "IN_DP_E1_UBL_INVOICE");

    /**
     * The file to deposit, stored: its document, name and Chorus syntax, whether Facteur built it
     * (then it joins the invoice's documents when deposited) and why this file.
     */
    public record DepositFile(Long documentId, byte[] content, String filename, String syntax, boolean built,
                              String why) {
    }

    private final InvoiceService invoices;
    private final InvoiceExtractions extractions;
    private final DocumentStore documents;
    private final JdbcClient jdbc;
    private final TransactionTemplate fresh;
    private final ConformityValidator validator;
    private final EmissionProperties properties;

    public DepositFiles(InvoiceService invoices, InvoiceExtractions extractions, DocumentStore documents,
                        JdbcClient jdbc, PlatformTransactionManager transactions, ConformityValidator validator,
                        EmissionProperties properties) {
        this.validator = validator;
        this.properties = properties;
        this.invoices = invoices;
        this.extractions = extractions;
        this.documents = documents;
        this.jdbc = jdbc;
        this.fresh = new TransactionTemplate(transactions);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Builds and stores the file for the invoice as confirmed, and keeps it for the deposit.
     *
     * @throws IllegalArgumentException with a French reason when no valid file can be made (an
     *     XML that disagrees with the confirmed values, an image in PDF mode, totals with several VAT rates...)
     */
    @Transactional(noRollbackFor = IllegalArgumentException.class) // a refusal is an answer: the caller's work stands
    public DepositFile prepare(long invoiceId, Mode mode) {
        Invoice invoice = invoices.get(invoiceId);
        StoredDocument main = mainDocument(invoiceId);
        DepositFile file = build(invoice, documents.load(main.id())
                .orElseThrow(() -> new IllegalStateException("Document " + main.id() + " is missing")), mode);
        jdbc.sql("""
                        INSERT INTO facteur.emission_prepared_file
                            (invoice_id, fingerprint, mode, document_id, filename, syntax, built, why)
                        VALUES (:invoiceId, :fingerprint, :mode, :documentId, :filename, :syntax, :built, :why)
                        ON CONFLICT (invoice_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                            mode = EXCLUDED.mode, document_id = EXCLUDED.document_id, filename = EXCLUDED.filename,
                            syntax = EXCLUDED.syntax, built = EXCLUDED.built, why = EXCLUDED.why, prepared_at = now()""")
                .param("invoiceId", invoiceId).param("fingerprint", fingerprint(invoice, main, mode))
                .param("mode", mode.name()).param("documentId", file.documentId()).param("filename", file.filename())
                .param("syntax", file.syntax()).param("built", file.built()).param("why", file.why())
                .update();
        return file;
    }

    /**
     * The file the pre-flight prepared, when it was prepared from the data and document the invoice
     * has now; otherwise (changed since, or never prepared) it is prepared again, committed at once:
     * the deposit records that follow (in transactions of their own) must see the stored file.
     */
    public DepositFile prepared(long invoiceId, Mode mode) {
        // the fingerprint needs the main document's SHA-256, not its bytes
        String fingerprint = fingerprint(invoices.get(invoiceId), mainDocument(invoiceId), mode);
        Optional<DepositFile> kept = jdbc.sql("""
                        SELECT document_id, filename, syntax, built, why FROM facteur.emission_prepared_file
                        WHERE invoice_id = :invoiceId AND fingerprint = :fingerprint""")
                .param("invoiceId", invoiceId).param("fingerprint", fingerprint)
                .query((rs, n) -> new DepositFile(rs.getLong("document_id"), null, rs.getString("filename"),
                        rs.getString("syntax"), rs.getBoolean("built"), rs.getString("why")))
                .optional();
        if (kept.isPresent()) {
            DepositFile file = kept.get();
            return new DepositFile(file.documentId(), documents.load(file.documentId()).orElseThrow().bytes(),
                    file.filename(), file.syntax(), file.built(), file.why());
        }
        log.info("Invoice {}: no deposit file prepared for its current data, prepared now", invoiceId);
        return fresh.execute(status -> prepare(invoiceId, mode));
    }

    /** The main document's record (its SHA-256, media type), without its content. */
    private StoredDocument mainDocument(long invoiceId) {
        long documentId = invoices.mainDocumentId(invoiceId)
                .orElseThrow(() -> new IllegalArgumentException("La facture n'a pas de document principal."));
        return documents.find(documentId)
                .orElseThrow(() -> new IllegalStateException("Document " + documentId + " is missing"));
    }

    private DepositFile build(Invoice invoice, DocumentContent main, Mode mode) {
        String number = invoice.index().invoiceNumber() == null ? "facture" : invoice.index().invoiceNumber();
        String safe = number.replaceAll("[^A-Za-z0-9_\\-]", "_");
        boolean pdf = DocumentTypeDetector.PDF.equals(main.document().mediaType());
        long mainId = main.document().id();
        if (mode == Mode.PDF) {
            if (!pdf) {
                throw new IllegalArgumentException("Le dépôt en mode PDF demande un document PDF ; ce document est un "
                        + main.document().mediaType() + ".");
            }
            return new DepositFile(mainId, main.bytes(), safe + ".pdf", null, false, "PDF d'origine");
        }
        Optional<InvoiceExtractions.StoredExtraction> read = extractions.find(invoice.id());
        ExtractionSource source = read.map(r -> ExtractionSource.valueOf(r.source())).orElse(null);
        String syntax = source == null ? null : SYNTAX_BY_SOURCE.get(source);
        List<String> differences = read.map(r -> differences(r.fields(), invoice.index()))
                .orElse(List.of("aucune lecture"));
        InvoiceIndex ix = invoice.index();
        FacturXWriter.Content confirmed = new FacturXWriter.Content(ix.invoiceNumber(), ix.issueDate(), ix.dueDate(),
                ix.currency(), ix.supplierName(), ix.supplierSiret(), ix.supplierVatNumber(), ix.buyerName(),
                ix.buyerSiret(), ix.serviceCode(), ix.purchaseOrderReference(), ix.totalHt(), ix.totalTva(),
                ix.totalTtc());
        FacturXWriter.Seller seller = properties.seller(ix.supplierSiret());
        String why = String.join(", ", differences);
        String facturX = SYNTAX_BY_SOURCE.get(ExtractionSource.FACTURX);

        // The candidates, from the most faithful to the supplier's document to the least; the first that
        // passes the validator is deposited. Each says why it is the file, or why it could not be made.
        Attempts attempts = new Attempts(mainId);
        if (syntax != null && differences.isEmpty()) {
            attempts.offer(() -> new Candidate(main.bytes(), safe + (pdf ? ".pdf" : ".xml"), syntax, false,
                    "document " + source + " déposé tel quel : il porte les valeurs confirmées"));
        }
        boolean rewritable = source == ExtractionSource.FACTURX || source == ExtractionSource.CII
                || source == ExtractionSource.ZUGFERD;
        if (rewritable) {
            String what = differences.isEmpty() ? "complétée des mentions obligatoires"
                    : "réécrite avec les valeurs confirmées (" + why + ")";
            attempts.offer(() -> {
                byte[] rewritten = FacturXWriter.rewrite(main.bytes(), confirmed, seller);
                return pdf ? new Candidate(rewritten, "factur-x-" + safe + ".pdf", facturX, true,
                        "Factur-X " + what + ", lignes et TVA gardées")
                        : new Candidate(rewritten, safe + ".xml", SYNTAX_BY_SOURCE.get(ExtractionSource.CII), true,
                                "CII " + what + ", lignes et TVA gardées");
            });
        }
        if (!pdf) {
            if (!attempts.tried()) {
                throw new DepositFileRefused(List.of("Le XML de la facture ne porte pas les valeurs confirmées (" + why
                        + ") et Facteur ne sait pas réécrire ce format (" + source + ") : corrigez la facture dans le "
                        + "logiciel qui l'a produite et déposez-la de nouveau, ou confirmez les valeurs du XML."));
            }
            if (!rewritable) {
                attempts.hint("Facteur ne sait pas compléter ce format (" + source + ") : corrigez la facture dans le "
                        + "logiciel qui l'a produite et déposez-la de nouveau.");
            }
            return attempts.chosen();
        }
        String built = source == null || !source.isStructured()
                ? "Factur-X construite sur le PDF à partir des valeurs confirmées"
                : "Factur-X construite à partir des valeurs confirmées (" + source + " : " + (rewritable
                        ? "le XML réécrit ne passe pas le contrôle" : "XML non réécrivable") + ")";
        attempts.offer(() -> new Candidate(FacturXWriter.write(main.bytes(), confirmed, seller),
                "factur-x-" + safe + ".pdf", facturX, true, built));
        attempts.offer(() -> new Candidate(FacturXWriter.writeOnOwnPage(confirmed, seller, main.bytes()),
                "factur-x-" + safe + ".pdf", facturX, true, built.replace("sur le PDF", "sur une page dessinée par "
                        + "Facteur") + " ; le PDF d'origine n'est pas PDF/A-3, il est joint à la Factur-X"));
        return attempts.chosen();
    }

    private DepositFile built(byte[] content, String filename, String mediaType, String syntax, String why) {
        long id = documents.store(content, mediaType, filename).id();
        return new DepositFile(id, content, filename, syntax, true, why);
    }

    /** A file that might be deposited, not yet checked nor stored. */
    private record Candidate(byte[] content, String filename, String syntax, boolean built, String why) {
    }

    /**
     * The candidates tried in order until one passes the validator: its file is stored (when Facteur
     * built it) and deposited; when none passes, the refusal names the last one's failed rules.
     */
    private final class Attempts {

        private final long mainId;
        private boolean tried;
        private Candidate passed;
        private String lastWhat;
        private List<String> lastReasons = List.of();
        private String hint;

        Attempts(long mainId) {
            this.mainId = mainId;
        }

        void offer(Supplier<Candidate> candidate) {
            if (passed != null) {
                return;
            }
            tried = true;
            Candidate made;
            try {
                made = candidate.get();
            } catch (IllegalArgumentException e) {
                lastWhat = null;
                lastReasons = List.of(e.getMessage());
                return;
            }
            ConformityValidator.Report report = validator.validate(made.content(), made.filename());
            if (report.passed()) {
                passed = new Candidate(made.content(), made.filename(), made.syntax(), made.built(),
                        made.why() + " ; conforme (EN 16931, règles françaises" + (made.filename().endsWith(".pdf")
                                ? ", PDF/A-3)" : ")"));
            } else {
                log.info("{}: {} fails the validator: {}", made.filename(), made.why(), report.reasons());
                lastWhat = made.why();
                lastReasons = report.reasons();
            }
        }

        boolean tried() {
            return tried;
        }

        void hint(String text) {
            hint = text;
        }

        DepositFile chosen() {
            if (passed == null) {
                List<String> reasons = new ArrayList<>();
                if (lastWhat != null) {
                    reasons.add("Le fichier à déposer (" + lastWhat + ") ne passe pas le contrôle EN 16931 / règles "
                            + "françaises / PDF/A-3 :");
                }
                reasons.addAll(lastReasons);
                if (hint != null) {
                    reasons.add(hint);
                }
                throw new DepositFileRefused(reasons);
            }
            if (!passed.built()) {
                return new DepositFile(mainId, passed.content(), passed.filename(), passed.syntax(), false,
                        passed.why());
            }
            String mediaType = passed.filename().endsWith(".pdf") ? DocumentTypeDetector.PDF : DocumentTypeDetector.XML;
            return built(passed.content(), passed.filename(), mediaType, passed.syntax(), passed.why());
        }
    }

    /** What the file is built from: mode, main document, every confirmed value, the seller's configuration. */
    private String fingerprint(Invoice invoice, StoredDocument main, Mode mode) {
        String basis = mode + "|" + main.sha256() + "|" + new TreeMap<>(invoice.index().asMap()) + "|"
                + properties.seller(invoice.index().supplierSiret());
        return Sha256.hex(basis.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> differences(Map<String, ExtractedField> read, InvoiceIndex confirmed) {
        List<String> differences = new ArrayList<>();
        for (IndexField field : CHORUS_FIELDS) {
            Object expected = field.valueIn(confirmed);
            ExtractedField found = read.get(field.variable());
            String actual = found == null ? null : found.value();
            boolean same = expected instanceof BigDecimal amount
                    ? actual != null && amount.compareTo(new BigDecimal(actual)) == 0
                    : Objects.equals(expected == null ? null : expected.toString(), actual);
            if (!same) {
                differences.add(field.label());
            }
        }
        return differences;
    }
}
