package fr.facteur.chorus;

import fr.facteur.chorus.api.Factures.HistoStatut;
import fr.facteur.chorus.api.Common.MontantTotal;
import fr.facteur.chorus.api.Factures.Destinataire;
import fr.facteur.chorus.api.Factures.FactureDetail;
import fr.facteur.chorus.api.Factures.FactureRecue;
import fr.facteur.chorus.api.Factures.HistoStatut;
import fr.facteur.chorus.api.Factures.Fournisseur;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.References;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.stereotype.Service;

/**
 * The reception side of Chorus Pro in Facteur's words, so that nothing outside {@code chorus/}
 * needs the API's JSON: which invoices changed, what an invoice says, its PDF.
 */
@Service
public class ChorusReception {

    private final ChorusClient client;

    /** Chorus refuses downloads above 120 MB; one attachment is at most 10 MB when deposited. */
    private static final int MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
    private static final long MAX_DOWNLOAD_BYTES = 120L * 1024 * 1024;

    public ChorusReception(ChorusClient client) {
        this.client = client;
    }

    /** A recipient structure the technical account receives invoices for. */
    public record RecipientStructure(long id, String siret, String name) {
    }

    /** An invoice whose current status was set in the searched window, with its index data. */
    public record StatusSeen(long idFacture, String status, OffsetDateTime statusTime, ReceivedInvoice invoice) {
    }

    /**
     * What Chorus Pro holds of a received invoice (index data); unknown fields are null.
     * {@code complementaryAttachments}: how many files were deposited with it besides the invoice
     * (type 02), null when the answer does not say (a search result).
     */
    public record ReceivedInvoice(long idFacture, String status, String invoiceNumber, String supplierName,
                                  String supplierSiret, String buyerName, String buyerSiret, String serviceCode,
                                  LocalDate issueDate, LocalDate dueDate, LocalDate depositDate, String currency,
                                  BigDecimal totalHt, BigDecimal totalTva, BigDecimal totalTtc,
                                  String purchaseOrder, Integer complementaryAttachments) {
    }

    public List<RecipientStructure> recipientStructures() {
        return client.recipientStructures().stream()
                .map(s -> new RecipientStructure(s.idStructureCPP(), s.identifiant(), s.designationStructure()))
                .toList();
    }

    /** Every invoice of the structure whose current status changed in [from, to], all pages. */
    public List<StatusSeen> changedBetween(long idStructure, OffsetDateTime from, OffsetDateTime to) {
        List<FactureRecue> found = client.searchReceived(RechercheRecipiendaireRequest.changedBetween(idStructure,
                ChorusDates.requestDateTime(from), ChorusDates.requestDateTime(to), null));
        return found.stream()
                .filter(f -> f.idFacture() != null)
                .map(f -> new StatusSeen(f.idFacture(), f.statut(),
                        ChorusDates.dateTime(f.dateHeureEtatCourant()).orElse(null), summary(f)))
                .toList();
    }

    /** What a search result says of an invoice (no due date there; VAT = TTC − HT). */
    private static ReceivedInvoice summary(FactureRecue f) {
        BigDecimal tva = f.montantTTC() == null || f.montantHT() == null ? null : f.montantTTC().subtract(f.montantHT());
        return new ReceivedInvoice(f.idFacture(), f.statut(), f.numeroFacture(), f.designationFournisseur(),
                siret(f.typeIdentifiantFournisseur(), f.codeFournisseur()), f.designationDestinataire(),
                siret("SIRET", f.codeDestinataire()), f.codeServiceExecutant(),
                ChorusDates.date(f.dateFacture()).orElse(null), null, ChorusDates.date(f.dateDepot()).orElse(null),
                f.devise(), f.montantHT(), tva, f.montantTTC(), f.numeroBonCommande(), null);
    }

    public ReceivedInvoice read(long idFacture) {
        FactureDetail f = client.consultReceived(idFacture);
        Fournisseur supplier = f.fournisseur();
        Destinataire buyer = f.destinataire();
        References refs = f.references();
        MontantTotal totals = f.montantTotal();
        return new ReceivedInvoice(idFacture, f.statutFacture(), f.numeroFacture(),
                supplier == null ? null : supplier.nom(),
                supplier == null ? null : siret(supplier.typeIdentifiantFournisseur(), supplier.codeFournisseur()),
                buyer == null ? null : buyer.libelleDestinataire(),
                buyer == null ? null : siret("SIRET", buyer.codeDestinataire()),
                buyer == null ? null : buyer.codeServiceExecutant(),
                refs == null ? null : ChorusDates.date(refs.dateFacture()).orElse(null),
                refs == null ? null : ChorusDates.date(refs.dateEcheancePaiement()).orElse(null),
                refs == null ? null : ChorusDates.date(refs.dateDepot()).orElse(null),
                refs == null ? null : refs.codeDeviseFacture(),
                totals == null ? null : totals.montantHtTotal(),
                totals == null ? null : totals.montantTVA(),
                totals == null ? null : totals.montantTtcTotal(),
                refs == null ? null : refs.numeroBonCommande(),
                f.listeDesPiecesJointes() == null || f.listeDesPiecesJointes().pieceJointe() == null ? 0
                        : (int) f.listeDesPiecesJointes().pieceJointe().stream()
                                .filter(piece -> "02".equals(piece.pieceJointeTypeCode())).count());
    }

    /** What a status push did. */
    public enum PushOutcome {
        /** Chorus Pro now shows the status. */
        PUSHED,
        /** Chorus Pro already showed it: nothing was sent (pushes are idempotent). */
        ALREADY_THERE
    }

    /**
     * Sets a processing status on a received invoice ({@code traiter/recue}), reading the current
     * status first so that a status Chorus Pro already has is never sent again.
     *
     * @throws ChorusFunctionalException when Chorus Pro refuses (for example 20002, a transition
     *     it does not allow): a business outcome, not something to retry
     */
    public PushOutcome pushStatus(long idFacture, String status, String motif, String mandateNumber) {
        // a failed push may have been processed anyway (500, timeout): read the status again before
        // any new try, so that a status is never sent twice
        return client.retry().run("pushStatus", true, attempt -> {
            if (status.equals(client.history(idFacture).statutCourantCode())) {
                return attempt == 1 ? PushOutcome.ALREADY_THERE : PushOutcome.PUSHED;
            }
            client.processReceived(idFacture, status, motif, mandateNumber);
            return PushOutcome.PUSHED;
        });
    }

    /** A step of Chorus Pro's own history of an invoice: its status, when, who set it, and the comment given. */
    public record StatusStep(Long stepId, String status, OffsetDateTime passedAt, String author, String comment) {
    }

    /**
     * Chorus Pro's history of the invoice ({@code consulter/historique}), oldest first: every status
     * it went through — also those between two relèves — with its date, author and comment (the
     * supplier's completion note, a rejection's motif).
     */
    public List<StatusStep> statusHistory(long idFacture) {
        var answer = client.history(idFacture);
        if (answer.historiquesDesStatuts() == null || answer.historiquesDesStatuts().histoStatut() == null) {
            return List.of();
        }
        // Chorus Pro answers newest first, to the minute: reversed, then sorted by date (a stable sort keeps
        // the steps of one minute in the order they happened)
        List<HistoStatut> newestFirst = new ArrayList<>(answer.historiquesDesStatuts().histoStatut());
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(step -> step.histoStatutCode() != null)
                .map(step -> new StatusStep(step.histoStatutId(), step.histoStatutCode(),
                        ChorusDates.dateTime(step.histoStatutDatePassage()).orElse(null),
                        author(step.histoStatutUtilisateurPrenom(), step.histoStatutUtilisateurNom()),
                        step.histoStatutCommentaire() == null || step.histoStatutCommentaire().isBlank()
                                ? null : step.histoStatutCommentaire().strip()))
                .sorted(Comparator.comparing(StatusStep::passedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private static String author(String firstName, String lastName) {
        String name = ((firstName == null ? "" : firstName.strip()) + " " + (lastName == null ? "" : lastName.strip())).strip();
        return name.isEmpty() ? null : name;
    }

    public byte[] downloadPdf(long idFacture) {
        return client.downloadPdf(idFacture);
    }

    /**
     * The invoice's PIVOT file ({@code telecharger/groupe} format PIVOT): Chorus Pro's structured form of
     * the invoice, to be read by the extraction's PIVOT reader; at most 120 MB (Chorus Pro's own limit).
     */
    public byte[] downloadPivot(long idFacture) {
        byte[] pivot = client.downloadPivot(idFacture);
        if (pivot.length > MAX_DOWNLOAD_BYTES) {
            throw new ChorusTechnicalException("Chorus Pro PIVOT of invoice " + idFacture + " is larger than expected",
                    null, null, null);
        }
        return pivot;
    }

    /** A file the supplier added to the invoice (when completing it, for instance). */
    public record Attachment(String name, byte[] content) {
    }

    /**
     * The files of the download with attachments: a ZIP holding the invoice PDF and the added files
     * (the PDF among them: the caller's archive recognises it by its hash); a plain PDF means there
     * is no attachment.
     */
    public List<Attachment> attachments(long idFacture) {
        byte[] file = client.downloadWithAttachments(idFacture);
        List<Attachment> attachments = new ArrayList<>();
        if (file.length < 4 || file[0] != 'P' || file[1] != 'K') {
            return attachments;
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            long total = 0;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] content = zip.readNBytes(MAX_ATTACHMENT_BYTES + 1);
                total += content.length;
                if (content.length > MAX_ATTACHMENT_BYTES || total > MAX_DOWNLOAD_BYTES) {
                    throw new ChorusTechnicalException("Chorus Pro attachment " + entry.getName() + " of invoice "
                            + idFacture + " is larger than expected", null, null, null);
                }
                if (content.length > 0) {
                    String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                    attachments.add(new Attachment(name, content));
                }
            }
        } catch (IOException e) {
            throw new ChorusTechnicalException("Chorus Pro sent an unreadable ZIP for invoice " + idFacture, null,
                    null, e);
        }
        return attachments;
    }

    /** A 14-digit SIRET, whatever spacing Chorus used; null for other identifier types. */
    private static String siret(String type, String value) {
        if (value == null || (type != null && !type.equals("SIRET"))) {
            return null;
        }
        String digits = value.replace(" ", "");
        return digits.matches("\\d{14}") ? digits : null;
    }
}
