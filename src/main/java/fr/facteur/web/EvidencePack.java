package fr.facteur.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.facteur.archive.DocumentContent;
import fr.facteur.archive.DocumentStore;
import fr.facteur.archive.Sha256;
import fr.facteur.chorus.LifecycleStatus;
import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceClassifier;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.process.InvoiceProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evidence pack of an invoice: a ZIP holding its documents (bytes verified against the SHA-256
 * recorded at intake), its record and metadata, its status histories and audit trail, the history
 * of every process instance that handled it, and {@code manifest.json} listing every other file
 * with its SHA-256 and size, so that anyone can check nothing was changed since.
 */
@Component
public class EvidencePack {

    private final InvoiceService invoices;
    private final InvoiceAudit audit;
    private final InvoiceExtractions extractions;
    private final InvoiceClassifier classifier;
    private final DocumentStore documents;
    private final InvoiceProcesses processes;
    private final ObjectMapper json;

    public EvidencePack(InvoiceService invoices, InvoiceAudit audit, InvoiceExtractions extractions,
                        InvoiceClassifier classifier, DocumentStore documents, InvoiceProcesses processes, ObjectMapper json) {
        this.invoices = invoices;
        this.audit = audit;
        this.extractions = extractions;
        this.classifier = classifier;
        this.documents = documents;
        this.processes = processes;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The pack's name and bytes. */
    public record Pack(String filename, byte[] zip) {
    }

    /** Builds the pack of the invoice for {@code actor}, and records the export in its audit trail. */
    @Transactional
    public Pack build(long invoiceId, String actor) {
        Invoice invoice = invoices.get(invoiceId);
        OffsetDateTime now = OffsetDateTime.now();
        List<Map<String, Object>> files = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            List<Map<String, Object>> documentList = new ArrayList<>();
            for (InvoiceDocument document : invoices.documents(invoiceId)) {
                DocumentContent content = documents.load(document.documentId())
                        .orElseThrow(() -> new IllegalStateException("Document " + document.documentId() + " is missing"));
                String path = "documents/" + document.documentId() + "-" + safeName(document.filename());
                add(zip, files, path, content.bytes(), (document.role().name().equals("MAIN")
                        ? "Document de la facture" : "Pièce jointe") + ", SHA-256 enregistré à l'arrivée : "
                        + document.sha256());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", path);
                entry.put("document", document);
                documentList.add(entry);
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("invoice", invoice);
            record.put("lifecycleStatus", LifecycleStatus.ofChorus(invoice.chorusStatus()));
            record.put("payment", invoices.payment(invoiceId).orElse(null));
            record.put("extraction", extractions.find(invoiceId).orElse(null));
            record.put("documents", documentList);
            record.put("classification", classifier.classification(invoice));
            add(zip, files, "invoice.json", write(record), "Données de la facture, lecture du document, classement GED");
            Map<String, Object> statuses = new LinkedHashMap<>();
            statuses.put("statusHistory", invoices.history(invoiceId));
            statuses.put("chorusStatusHistory", invoices.chorusHistory(invoiceId));
            statuses.put("chorusStatusSteps", invoices.chorusSteps(invoiceId));
            add(zip, files, "status-history.json", write(statuses), "Historique des statuts (Facteur et Chorus Pro)");
            add(zip, files, "audit-trail.json", write(audit.trail(invoiceId)), "Journal d'audit (ajout seul)");
            InvoiceAudit.ChainVerification chain = audit.verifyChain(invoiceId);
            add(zip, files, "audit-chain.json", write(chain), "Vérification de la chaîne d'empreintes du journal d'audit");
            add(zip, files, "process-history.json", write(processes.fullHistory(invoice)),
                    "Historique BPMN des instances de processus de la facture");

            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("invoiceId", invoiceId);
            manifest.put("externalKey", invoice.externalKey());
            manifest.put("generatedAt", now);
            manifest.put("generatedBy", actor);
            manifest.put("algorithm", "SHA-256");
            manifest.put("auditChain", Map.of("intact", chain.intact(), "lines", chain.lines(),
                    "head", String.valueOf(chain.head())));
            manifest.put("files", files);
            ZipEntry entry = new ZipEntry("manifest.json");
            entry.setTime(now.toInstant().toEpochMilli());
            zip.putNextEntry(entry);
            zip.write(write(manifest));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(invoiceId, actor, AuditAction.EVIDENCE_EXPORTED, "Dossier de preuve exporté (" + files.size()
                + " fichiers)", Map.of("files", files.size()));
        return new Pack("dossier-preuve-facture-" + invoiceId + ".zip", out.toByteArray());
    }

    private static String safeName(String filename) {
        String name = filename == null || filename.isBlank() ? "document" : filename;
        return name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    }

    private void add(ZipOutputStream zip, List<Map<String, Object>> files, String path, byte[] bytes,
                     String description) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("sha256", Sha256.hex(bytes));
        file.put("size", bytes.length);
        file.put("description", description);
        files.add(file);
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
