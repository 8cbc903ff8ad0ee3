package fr.facteur.chorus;

import fr.facteur.chorus.api.Common.MontantTotal;
import fr.facteur.chorus.api.Factures.CadreDeFacturation;
import fr.facteur.chorus.api.Factures.CompleterFactureRequest;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueResponse;
import fr.facteur.chorus.api.Factures.FactureEmise;
import fr.facteur.chorus.api.Factures.HistoStatut;
import fr.facteur.chorus.api.Factures.PieceJointeComplementaire;
import fr.facteur.chorus.api.Factures.PieceJointePrincipale;
import fr.facteur.chorus.api.Factures.RechercheFournisseurRequest;
import fr.facteur.chorus.api.Factures.SoumettreDestinataire;
import fr.facteur.chorus.api.Factures.SoumettreFactureRequest;
import fr.facteur.chorus.api.Factures.SoumettreFournisseur;
import fr.facteur.chorus.api.Factures.SoumettreReferences;
import fr.facteur.chorus.api.Structures.ConsulterStructureResponse;
import fr.facteur.chorus.api.Structures.ParametresStructure;
import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.chorus.api.Structures.ServiceStructure;
import fr.facteur.chorus.api.Structures.StructureTrouvee;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleResponse;
import fr.facteur.chorus.api.Transverses.ErreurDp;
import fr.facteur.chorus.api.Transverses.ErreurTechnique;
import fr.facteur.chorus.api.Transverses.StructureActive;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The supplier side of Chorus Pro in Facteur's words: what a recipient requires, whether a number
 * was already used, the deposit itself (flux, or PDF + soumettre), its report, the invoice's status
 * afterwards and the completion of a suspended invoice. Nothing outside {@code chorus/} needs the
 * API's JSON; the rules of a deposit live in {@code emission/}.
 */
@Service
public class ChorusEmission {

    private static final Logger log = LoggerFactory.getLogger(ChorusEmission.class);

    /** Flux states that are still being processed (§6.3); anything else is an outcome. */
    private static final Set<String> FLUX_SUCCESS = Set.of("IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_TRAITE_SE_CPP");
    private static final Set<String> FLUX_FAILURE = Set.of("IN_REJETE", "IN_INCIDENTE", "QP_IRRECEVABLE",
            "QP_RECEVABLE_AVEC_ERREUR");
    /** Reserved for invoicing between public entities: supplier invoices sent to it are rejected. */
    private static final String PUBLIC_INVOICING_SERVICE = "FACTURES_PUBLIQUES";

    private final ChorusClient client;

    public ChorusEmission(ChorusClient client) {
        this.client = client;
    }

    /** An outgoing invoice as confirmed by a person (the truth for the deposit). */
    public record OutgoingInvoice(String invoiceNumber, String supplierSiret, String buyerSiret, String serviceCode,
                                  String purchaseOrderReference, LocalDate issueDate, LocalDate dueDate,
                                  String currency, BigDecimal totalHt, BigDecimal totalTva, BigDecimal totalTtc) {
    }

    /** A service of a recipient structure. */
    public record RecipientService(String code, String label) {
    }

    /** What Chorus Pro says of a recipient, and what it requires on the invoices it receives. */
    public record Recipient(String siret, boolean found, String name, boolean active, boolean serviceRequired,
                            boolean engagementRequired, boolean engagementOrService, List<RecipientService> services,
                            List<String> inactiveServices, Long idStructureCpp) {

        /** In French, for the confirmation form. */
        public String describe() {
            if (!found) {
                return "Destinataire " + siret + " : inconnu de Chorus Pro (vérifiez le SIRET).";
            }
            List<String> rules = new ArrayList<>();
            if (serviceRequired) {
                rules.add("code service obligatoire");
            }
            if (engagementRequired) {
                rules.add("n° d'engagement juridique (bon de commande) obligatoire");
            }
            if (engagementOrService) {
                rules.add("code service ou n° d'engagement obligatoire");
            }
            return "Destinataire " + name + " (" + siret + ")" + (active ? "" : " — INACTIF sur Chorus Pro")
                    + " : " + (rules.isEmpty() ? "ni code service ni engagement exigé" : String.join(", ", rules))
                    + (services.isEmpty() ? "." : ". Services actifs : " + String.join(", ",
                            services.stream().map(s -> s.code() + " (" + s.label() + ")").toList()) + ".");
        }
    }

    /** Where a flux deposit stands. */
    public enum FluxState { PENDING, INTEGRATED, REJECTED }

    /** A deposit report: its state, Chorus's own state code, and the reasons of a rejection. */
    public record DepositReport(FluxState state, String chorusState, OffsetDateTime stateTime, List<String> reasons) {
    }

    /** The current status of an emitted invoice, since when, and the comment that came with it. */
    public record EmittedStatus(String status, OffsetDateTime since, String comment) {
    }

    /** A file sent with a completion. */
    public record Attachment(String name, String mediaType, byte[] content) {
    }

    /** Looks the recipient up by SIRET; an unknown SIRET is an answer, not an error. */
    public Recipient recipient(String buyerSiret) {
        Optional<StructureTrouvee> found = client.findStructures(RechercherStructureRequest.bySiret(buyerSiret)).stream()
                .filter(s -> buyerSiret.equals(s.identifiantStructure()) && s.idStructureCPP() != null)
                .findFirst();
        if (found.isEmpty()) {
            return new Recipient(buyerSiret, false, null, false, false, false, false, List.of(), List.of(), null);
        }
        StructureTrouvee structure = found.get();
        ConsulterStructureResponse detail = client.structure(structure.idStructureCPP());
        ParametresStructure p = detail.parametres();
        List<ServiceStructure> services = client.services(structure.idStructureCPP());
        return new Recipient(buyerSiret, true, structure.designationStructure(),
                !"INACTIVE".equalsIgnoreCase(structure.statut()),
                p != null && Boolean.TRUE.equals(p.codeServiceDoitEtreRenseigne()),
                p != null && Boolean.TRUE.equals(p.numeroEJDoitEtreRenseigne()),
                p != null && Boolean.TRUE.equals(p.gestionNumeroEJOuCodeService()),
                services.stream().filter(s -> Boolean.TRUE.equals(s.estActif()))
                        .filter(s -> !PUBLIC_INVOICING_SERVICE.equals(s.codeService()))
                        .map(s -> new RecipientService(s.codeService(), s.libelleService())).toList(),
                services.stream().filter(s -> !Boolean.TRUE.equals(s.estActif()))
                        .map(ServiceStructure::codeService).toList(),
                structure.idStructureCPP());
    }

    /**
     * Whether the recipient has this legal commitment (EJ) on Chorus Pro, in the state an invoice may
     * refer to; empty when Chorus Pro does not say (the account lacks the "Engagements" API
     * subscription, or the search is refused): the invoice is then not held back on that ground.
     */
    public Optional<Boolean> engagementExists(Recipient recipient, String numero) {
        if (!recipient.found() || recipient.idStructureCpp() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.engagementExists(recipient.idStructureCpp(), numero.strip()));
        } catch (ChorusAuthenticationException | ChorusFunctionalException e) {
            log.warn("Chorus Pro did not say whether engagement {} of {} exists: {}", numero, recipient.siret(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** What Chorus Pro says of a supplier SIRET and an invoice number about to be deposited. */
    public enum SupplierNumber {
        /** The technical account may not deposit for this SIRET. */
        NOT_OUR_SUPPLIER,
        /** The number is free for this supplier (or was not asked). */
        FREE,
        /** This supplier already used the number: even rejected, Chorus Pro never accepts it again. */
        USED
    }

    /** Whether we may deposit for this supplier and, when a number is given, whether it is still free. */
    public SupplierNumber supplierNumber(String supplierSiret, String invoiceNumber) {
        Optional<StructureActive> supplier = supplierStructure(supplierSiret);
        if (supplier.isEmpty()) {
            return SupplierNumber.NOT_OUR_SUPPLIER;
        }
        if (invoiceNumber == null) {
            return SupplierNumber.FREE;
        }
        boolean used = client.searchEmitted(new RechercheFournisseurRequest(null, supplier.get().idStructureCPP(),
                invoiceNumber, null)).stream().anyMatch(f -> invoiceNumber.equals(f.numeroFacture()));
        return used ? SupplierNumber.USED : SupplierNumber.FREE;
    }

    /** The supplier structure of the technical account with this SIRET. */
    private Optional<StructureActive> supplierStructure(String supplierSiret) {
        return client.supplierStructures().stream()
                .filter(s -> supplierSiret.equals(s.identifiant()) && s.idStructureCPP() != null)
                .findFirst();
    }

    /** Deposits a structured file; returns the flux number to follow. */
    public String depositFlux(byte[] file, String filename, String syntaxeFlux) {
        return client.depositFlux(file, filename, syntaxeFlux).numeroFluxDepot();
    }

    /**
     * Deposits the PDF and submits the confirmed data ({@code DEPOT_PDF_API}); returns the new
     * invoice's id. A refusal is a {@link ChorusFunctionalException} with Chorus's reason.
     */
    public long submitPdf(OutgoingInvoice invoice, byte[] pdf, String filename) {
        StructureActive supplier = supplierStructure(invoice.supplierSiret()).orElseThrow(() ->
                new ChorusFunctionalException("soumettre", 20006, "Le fournisseur " + invoice.supplierSiret()
                        + " n'est pas rattaché au compte"));
        long pieceId = client.depositPdf(pdf, filename).pieceJointeId();
        SoumettreFactureRequest request = new SoumettreFactureRequest("DEPOT_PDF_API", invoice.invoiceNumber(),
                invoice.issueDate().toString(),
                new SoumettreDestinataire(invoice.buyerSiret(), blankToNull(invoice.serviceCode())),
                new SoumettreFournisseur(supplier.idStructureCPP(), null),
                new CadreDeFacturation("A1_FACTURE_FOURNISSEUR"),
                new SoumettreReferences(invoice.currency(), "FACTURE", "TVA_SUR_DEBIT",
                        blankToNull(invoice.purchaseOrderReference()), null, "VIREMENT"),
                new MontantTotal(invoice.totalHt(), invoice.totalTva(), invoice.totalTtc(), invoice.totalTtc()),
                List.of(new PieceJointePrincipale(filename, pieceId)), null);
        return client.submit(request).identifiantFactureCPP();
    }

    /** Where a flux stands, with the reasons of a rejection in French. */
    public DepositReport report(String fluxNumber) {
        ConsulterCrDetailleResponse cr = client.depositReport(fluxNumber);
        String state = cr.etatCourantDepotFlux();
        OffsetDateTime time = ChorusDates.dateTime(cr.dateHeureEtatCourantFlux()).orElse(null);
        if (state != null && FLUX_SUCCESS.contains(state)) {
            return new DepositReport(FluxState.INTEGRATED, state, time, reasons(cr));
        }
        if (state != null && FLUX_FAILURE.contains(state)) {
            List<String> reasons = reasons(cr);
            return new DepositReport(FluxState.REJECTED, state, time, reasons.isEmpty()
                    ? List.of("Chorus Pro a rejeté le dépôt (" + state + ") sans en donner la raison.") : reasons);
        }
        return new DepositReport(FluxState.PENDING, state, time, List.of());
    }

    private static List<String> reasons(ConsulterCrDetailleResponse cr) {
        List<String> reasons = new ArrayList<>();
        for (ErreurDp error : cr.listeErreurDP() == null ? List.<ErreurDp>of() : cr.listeErreurDP()) {
            if (error.libelleErreurDP() != null) {
                Arrays.stream(error.libelleErreurDP().split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(reasons::add);
            }
        }
        for (ErreurTechnique error : cr.listeErreurTechnique() == null ? List.<ErreurTechnique>of()
                : cr.listeErreurTechnique()) {
            reasons.add("Flux irrecevable : " + error.libelleErreur() + (error.codeErreur() == null ? ""
                    : " (" + error.codeErreur() + ")"));
        }
        return reasons;
    }

    /** The invoice a flux created, found by flux number (and invoice number when a flux holds several). */
    public Optional<Long> invoiceOfFlux(String fluxNumber, String invoiceNumber) {
        List<FactureEmise> found = client.searchEmitted(new RechercheFournisseurRequest(fluxNumber, null, null, null));
        return found.stream()
                .filter(f -> f.identifiantFactureCPP() != null)
                .filter(f -> invoiceNumber == null || found.size() == 1 || invoiceNumber.equals(f.numeroFacture()))
                .map(FactureEmise::identifiantFactureCPP)
                .findFirst();
    }

    /** The invoice this supplier already deposited under this number, if any. */
    public Optional<Long> invoiceByNumber(String supplierSiret, String invoiceNumber) {
        return supplierStructure(supplierSiret).flatMap(supplier -> client.searchEmitted(
                        new RechercheFournisseurRequest(null, supplier.idStructureCPP(), invoiceNumber, null)).stream()
                .filter(f -> invoiceNumber.equals(f.numeroFacture()) && f.identifiantFactureCPP() != null)
                .map(FactureEmise::identifiantFactureCPP)
                .findFirst());
    }

    /** The invoice's current status, from its history (so the date and comment of that status come too). */
    public EmittedStatus status(long chorusId) {
        ConsulterHistoriqueResponse history = client.history(chorusId);
        List<HistoStatut> lines = history.historiquesDesStatuts() == null
                || history.historiquesDesStatuts().histoStatut() == null ? List.of()
                : history.historiquesDesStatuts().histoStatut();
        Optional<HistoStatut> last = lines.stream()
                .filter(h -> Objects.equals(h.histoStatutCode(), history.statutCourantCode()))
                .max(Comparator.comparing((HistoStatut h) -> ChorusDates.dateTime(h.histoStatutDatePassage())
                        .orElse(OffsetDateTime.MIN)).thenComparing(h -> h.histoStatutId() == null ? 0 : h.histoStatutId()));
        String status = history.statutCourantCode();
        if (status == null) {
            throw new ChorusTechnicalException("Chorus Pro consulterHistorique gave no current status for invoice "
                    + chorusId, null, null, null);
        }
        return new EmittedStatus(status, last.flatMap(h -> ChorusDates.dateTime(h.histoStatutDatePassage())).orElse(null),
                last.map(HistoStatut::histoStatutCommentaire).orElse(null));
    }

    /** Sends the attachments and the comment that complete a suspended invoice. */
    public void complete(long chorusId, String comment, List<Attachment> attachments) {
        List<PieceJointeComplementaire> pieces = new ArrayList<>();
        for (Attachment attachment : attachments) {
            String name = attachmentName(attachment.name());
            long id = client.addFile(attachment.content(), name, attachment.mediaType(), extension(name));
            pieces.add(new PieceJointeComplementaire(name, "02", id));
        }
        client.complete(new CompleterFactureRequest(chorusId, comment, pieces));
    }

    /** Chorus refuses attachment names above 50 characters: the end (with the extension) is kept. */
    static String attachmentName(String name) {
        String base = name == null || name.isBlank() ? "piece-jointe.pdf" : name.strip();
        return base.length() <= 50 ? base : base.substring(base.length() - 50);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "pdf" : name.substring(dot + 1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
