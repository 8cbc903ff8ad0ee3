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
import fr.facteur.identifiers.Siret;
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
import org.springframework.stereotype.Service;

/**
 * The supplier side of Chorus Pro in Facteur's words: what a recipient requires, the checks made
 * before a deposit (pre-flight), the deposit itself (flux, or PDF + soumettre), its report, the
 * invoice's status afterwards and the completion of a suspended invoice. Nothing outside
 * {@code chorus/} needs the API's JSON.
 */
@Service
public class ChorusEmission {

    /** Flux states that are still being processed (§6.3); anything else is an outcome. */
    private static final Set<String> FLUX_SUCCESS = Set.of("IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_TRAITE_SE_CPP");
    private static final Set<String> FLUX_FAILURE = Set.of("IN_REJETE", "IN_INCIDENTE", "QP_IRRECEVABLE",
            "QP_RECEVABLE_AVEC_ERREUR");
    /** What Chorus accepts as an invoice number: 20 characters among letters, digits and - _ / +. */
    private static final String NUMBER_PATTERN = "[A-Za-z0-9_/+\\-]{1,20}";
    /** Reserved for invoicing between public entities: supplier invoices sent to it are rejected. */
    private static final String PUBLIC_INVOICING_SERVICE = "FACTURES_PUBLIQUES";
    private static final BigDecimal CENT = new BigDecimal("0.01");

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
                            List<String> inactiveServices) {

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
            return new Recipient(buyerSiret, false, null, false, false, false, false, List.of(), List.of());
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
                        .map(ServiceStructure::codeService).toList());
    }

    /** The pre-flight's answer: what would be refused, and the recipient as Chorus Pro knows it (if looked up). */
    public record Preflight(List<String> problems, Optional<Recipient> recipient) {
    }

    /**
     * Everything Chorus Pro would refuse that can be known before depositing, in plain French (no
     * problem: the deposit may go), with the recipient it looked up.
     */
    public Preflight preflight(OutgoingInvoice invoice) {
        List<String> problems = new ArrayList<>();
        Recipient recipient = null;
        if (invoice.invoiceNumber() == null || invoice.invoiceNumber().isBlank()) {
            problems.add("Le numéro de facture est obligatoire.");
        } else if (!invoice.invoiceNumber().matches(NUMBER_PATTERN)) {
            problems.add("Le numéro de facture « " + invoice.invoiceNumber() + " » doit faire au plus 20 caractères "
                    + "parmi lettres, chiffres et - _ / + (exigence de Chorus Pro).");
        }
        if (invoice.issueDate() == null) {
            problems.add("La date de facture est obligatoire.");
        } else if (invoice.issueDate().isAfter(LocalDate.now(ChorusDates.PARIS))) {
            problems.add("La date de facture " + invoice.issueDate() + " est dans le futur.");
        }
        if (invoice.dueDate() != null && invoice.issueDate() != null && invoice.dueDate().isBefore(invoice.issueDate())) {
            problems.add("La date d'échéance précède la date de facture.");
        }
        amounts(invoice, problems);
        Optional<StructureActive> supplier = supplier(invoice, problems);
        if (invoice.buyerSiret() == null || invoice.buyerSiret().isBlank()) {
            problems.add("Le SIRET du destinataire est obligatoire.");
        } else if (!Siret.isValidSiret(invoice.buyerSiret())) {
            problems.add("Le SIRET du destinataire « " + invoice.buyerSiret() + " » n'est pas valide (14 chiffres, "
                    + "clé de Luhn).");
        } else {
            recipient = recipient(invoice.buyerSiret());
            requirements(invoice, recipient, problems);
        }
        if (supplier.isPresent() && invoice.invoiceNumber() != null && invoice.invoiceNumber().matches(NUMBER_PATTERN)) {
            List<FactureEmise> same = client.searchEmitted(new RechercheFournisseurRequest(null,
                    supplier.get().idStructureCPP(), invoice.invoiceNumber(), null));
            if (same.stream().anyMatch(f -> invoice.invoiceNumber().equals(f.numeroFacture()))) {
                problems.add("Le numéro de facture " + invoice.invoiceNumber() + " a déjà été utilisé sur Chorus Pro "
                        + "par ce fournisseur : une facture rejetée ou déjà émise ne peut pas être renvoyée sous le "
                        + "même numéro.");
            }
        }
        return new Preflight(problems, Optional.ofNullable(recipient));
    }

    private static void amounts(OutgoingInvoice invoice, List<String> problems) {
        if (invoice.totalHt() == null || invoice.totalTva() == null || invoice.totalTtc() == null) {
            problems.add("Les montants HT, TVA et TTC sont obligatoires.");
        } else if (invoice.totalHt().add(invoice.totalTva()).subtract(invoice.totalTtc()).abs().compareTo(CENT) > 0) {
            problems.add("Montants incohérents : HT " + invoice.totalHt() + " + TVA " + invoice.totalTva() + " ≠ TTC "
                    + invoice.totalTtc() + ".");
        }
        if (invoice.currency() == null || !invoice.currency().matches("[A-Z]{3}")) {
            problems.add("La devise doit être un code ISO de 3 lettres (EUR).");
        }
    }

    private Optional<StructureActive> supplier(OutgoingInvoice invoice, List<String> problems) {
        if (invoice.supplierSiret() == null || invoice.supplierSiret().isBlank()) {
            problems.add("Le SIRET du fournisseur (émetteur) est obligatoire.");
            return Optional.empty();
        }
        Optional<StructureActive> supplier = supplierStructure(invoice.supplierSiret());
        if (supplier.isEmpty()) {
            problems.add("Le fournisseur " + invoice.supplierSiret() + " n'est pas une structure pour laquelle notre "
                    + "compte Chorus Pro peut déposer des factures.");
        }
        return supplier;
    }

    private static void requirements(OutgoingInvoice invoice, Recipient recipient, List<String> problems) {
        if (!recipient.found()) {
            problems.add("Le destinataire " + invoice.buyerSiret() + " n'est pas une structure connue de Chorus Pro.");
            return;
        }
        if (!recipient.active()) {
            problems.add("Le destinataire " + recipient.name() + " n'est plus actif sur Chorus Pro.");
        }
        boolean hasService = invoice.serviceCode() != null && !invoice.serviceCode().isBlank();
        boolean hasEngagement = invoice.purchaseOrderReference() != null && !invoice.purchaseOrderReference().isBlank();
        if (hasService) {
            boolean active = recipient.services().stream().anyMatch(s -> s.code().equals(invoice.serviceCode()));
            if (recipient.inactiveServices().contains(invoice.serviceCode())) {
                problems.add("Le service « " + invoice.serviceCode() + " » de " + recipient.name() + " est inactif.");
            } else if (!active) {
                problems.add("Le code service « " + invoice.serviceCode() + " » n'existe pas chez " + recipient.name()
                        + (recipient.services().isEmpty() ? "." : " (services actifs : " + String.join(", ",
                                recipient.services().stream().map(RecipientService::code).toList()) + ")."));
            }
        } else if (recipient.serviceRequired()) {
            problems.add(recipient.name() + " exige un code service sur ses factures"
                    + (recipient.services().isEmpty() ? "." : " (services actifs : " + String.join(", ",
                            recipient.services().stream().map(RecipientService::code).toList()) + ")."));
        }
        if (recipient.engagementRequired() && !hasEngagement) {
            problems.add(recipient.name() + " exige un numéro d'engagement juridique (bon de commande).");
        }
        if (recipient.engagementOrService() && !hasService && !hasEngagement) {
            problems.add(recipient.name() + " exige un code service ou un numéro d'engagement juridique.");
        }
    }

    /** The supplier structure of the technical account with this SIRET. */
    public Optional<StructureActive> supplierStructure(String supplierSiret) {
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
