package fr.facteur.emission;

import fr.facteur.invoice.AuditAction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every deposit of an emitted invoice with its outcome, and an invoice number that is never sent
 * twice (table {@code emission_attempt}, unique per supplier). Recording an attempt moves the
 * invoice on (Déposée, Transmise, À corriger) and writes its audit line.
 */
@Service
public class EmissionAttempts {

    /** How a deposit goes: a structured flux, or the PDF and the confirmed data (soumettre). */
    public enum Mode { FLUX, PDF }

    /** Where an attempt stands. */
    public enum State { DEPOSITED, INTEGRATED, REJECTED, REFUSED }

    /** One deposit of an invoice. */
    public record Attempt(long id, long invoiceId, String supplierSiret, String invoiceNumber, Mode mode,
                          String syntax, Long fileDocumentId, String fluxNumber, Long chorusId, State state,
                          String errors, OffsetDateTime depositedAt, OffsetDateTime updatedAt) {
    }

    private final JdbcClient jdbc;
    private final InvoiceService invoiceService;
    private final InvoiceAudit audit;

    public EmissionAttempts(JdbcClient jdbc, InvoiceService invoiceService, InvoiceAudit audit) {
        this.jdbc = jdbc;
        this.invoiceService = invoiceService;
        this.audit = audit;
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
    public Attempt recordDeposit(long invoiceId, Mode mode, DepositFiles.DepositFile file, String fluxNumber, Long chorusId,
                                 String actor) {
        Invoice invoice = invoiceService.get(invoiceId);
        Long fileDocumentId = file.documentId();
        if (file.built() && fileDocumentId != null) {
            invoiceService.attachDocument(invoiceId, fileDocumentId, actor);
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
            invoiceService.assignChorusId(invoiceId, chorusId);
            invoiceService.changeStatus(invoiceId, InvoiceStatus.SENT, actor, "Facture Chorus Pro " + chorusId);
        } else {
            invoiceService.changeStatus(invoiceId, InvoiceStatus.DEPOSITED, actor, "Flux " + fluxNumber);
        }
        return attempt(id);
    }

    /**
     * Chorus Pro already had this number from this supplier (an earlier try whose answer was lost):
     * that invoice is adopted as this attempt, nothing is deposited again.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Attempt recordAdopted(long invoiceId, Mode mode, long chorusId, String actor) {
        return recordDeposit(invoiceId, mode, new DepositFiles.DepositFile(invoiceService.mainDocumentId(invoiceId)
                .orElse(null), null, null, null, false,
                "facture déjà présente sur Chorus Pro sous ce numéro, reprise sans nouveau dépôt"), null, chorusId, actor);
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
        invoiceService.assignChorusId(attempt.invoiceId(), chorusId);
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
                .param("id", invoiceId).param("number", invoiceNumber).query(EmissionAttempts::map).optional();
    }

    /** The invoice's latest attempt. */
    public Optional<Attempt> latest(long invoiceId) {
        return jdbc.sql("SELECT * FROM facteur.emission_attempt WHERE invoice_id = :id ORDER BY id DESC LIMIT 1")
                .param("id", invoiceId).query(EmissionAttempts::map).optional();
    }

    public List<Attempt> attempts(long invoiceId) {
        return jdbc.sql("SELECT * FROM facteur.emission_attempt WHERE invoice_id = :id ORDER BY id")
                .param("id", invoiceId).query(EmissionAttempts::map).list();
    }

    private Attempt attempt(long id) {
        return jdbc.sql("SELECT * FROM facteur.emission_attempt WHERE id = :id").param("id", id)
                .query(EmissionAttempts::map).single();
    }

    private static Attempt map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Attempt(rs.getLong("id"), rs.getLong("invoice_id"), rs.getString("supplier_siret"),
                rs.getString("invoice_number"), Mode.valueOf(rs.getString("mode")), rs.getString("syntax"),
                (Long) rs.getObject("file_document_id"), rs.getString("flux_number"), (Long) rs.getObject("chorus_id"),
                State.valueOf(rs.getString("state")), rs.getString("errors"),
                rs.getObject("deposited_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
