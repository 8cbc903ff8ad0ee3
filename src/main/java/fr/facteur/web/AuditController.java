package fr.facteur.web;

import fr.facteur.invoice.AuditEntry;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What happened to an invoice, and the proof of it. */
@RestController
@RequestMapping("/api/invoices/{id}")
@Tag(name = "Audit")
public class AuditController {

    private final InvoiceService invoices;
    private final InvoiceAudit audit;
    private final EvidencePack evidence;

    public AuditController(InvoiceService invoices, InvoiceAudit audit, EvidencePack evidence) {
        this.invoices = invoices;
        this.audit = audit;
        this.evidence = evidence;
    }

    @Operation(summary = "Journal d'audit d'une facture",
            description = "Chaque action (réception, lecture, correction de champ avec ancienne et nouvelle valeur,"
                    + " décision, appel à Chorus Pro, document ajouté, classement), avec qui et quand ; en ajout seul.")
    @GetMapping("/audit")
    public List<AuditEntry> trail(@PathVariable long id) {
        invoices.get(id);
        return audit.trail(id);
    }

    @Operation(summary = "Dossier de preuve d'une facture (ZIP)",
            description = "Documents, données, historiques des statuts, journal d'audit, historique BPMN, et"
                    + " manifest.json qui donne le SHA-256 de chaque autre fichier.")
    @GetMapping(path = "/evidence", produces = "application/zip")
    public ResponseEntity<byte[]> evidence(@PathVariable long id, Principal principal) {
        EvidencePack.Pack pack = evidence.build(id, principal.getName());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(pack.filename(), StandardCharsets.UTF_8).build().toString())
                .body(pack.zip());
    }
}
