package fr.facteur.chorus.emulator;

import static fr.facteur.chorus.emulator.EmulatorAnswers.SUCCESS_LABEL;
import static fr.facteur.chorus.emulator.EmulatorAnswers.refuse;

import fr.facteur.chorus.ChorusDates;
import fr.facteur.chorus.ChorusProperties;
import fr.facteur.chorus.api.Common.MontantTotal;
import fr.facteur.chorus.api.Common.ParametresRetour;
import fr.facteur.chorus.api.Factures.CompleterFactureRequest;
import fr.facteur.chorus.api.Factures.CompleterFactureResponse;
import fr.facteur.chorus.api.Factures.ConsulterFactureResponse;
import fr.facteur.chorus.api.Factures.ConsulterFournisseurRequest;
import fr.facteur.chorus.api.Factures.DeposerFluxRequest;
import fr.facteur.chorus.api.Factures.DeposerFluxResponse;
import fr.facteur.chorus.api.Factures.DeposerPdfRequest;
import fr.facteur.chorus.api.Factures.DeposerPdfResponse;
import fr.facteur.chorus.api.Factures.FactureEmise;
import fr.facteur.chorus.api.Factures.PieceJointeComplementaire;
import fr.facteur.chorus.api.Factures.RechercheFournisseurRequest;
import fr.facteur.chorus.api.Factures.RechercheFournisseurResponse;
import fr.facteur.chorus.api.Factures.SoumettreFactureRequest;
import fr.facteur.chorus.api.Factures.SoumettreFactureResponse;
import fr.facteur.chorus.api.Transverses.AjouterFichierRequest;
import fr.facteur.chorus.api.Transverses.AjouterFichierResponse;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleRequest;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleResponse;
import fr.facteur.chorus.api.Transverses.ErreurDp;
import fr.facteur.chorus.api.Transverses.ErreurTechnique;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supplier side of the emulator: flux deposit with a report that advances over polls
 * (IN_RECU, IN_EN_COURS_TRAITEMENT_CPP, then IN_INTEGRE or IN_REJETE with reasons), PDF deposit and
 * soumettre, search by flux number, and completion of a suspended invoice.
 */
@RestController
@ConditionalOnEmulator
@RequestMapping("/emulator/cpro")
class EmulatorEmissionController {

    static final int DEPOSIT_REFUSED = 20006;
    static final int FILE_TOO_LARGE = 20003;
    static final int NOT_SUSPENDED = 20002;
    private static final long MAX_FILE = 10L * 1024 * 1024;
    private static final int MAX_ATTACHMENT_NAME = 50;

    private final EmulatorStore store;
    private final EmulatorDeposits deposits;
    private final ChorusProperties properties;

    EmulatorEmissionController(EmulatorStore store, EmulatorDeposits deposits, ChorusProperties properties) {
        this.store = store;
        this.deposits = deposits;
        this.properties = properties;
    }

    @PostMapping("/factures/v1/deposer/flux")
    @Transactional
    ResponseEntity<Object> deposerFlux(@RequestBody DeposerFluxRequest request) {
        if (request.fichierFlux() == null || request.fichierFlux().length == 0 || request.nomFichier() == null
                || request.syntaxeFlux() == null) {
            return refuse(EmulatorRules.INVALID_REQUEST, "fichierFlux, nomFichier et syntaxeFlux sont obligatoires");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String numero = store.nextFluxNumber();
        store.insertFlux(numero, request.nomFichier(), request.syntaxeFlux(), request.fichierFlux(), now);
        return ResponseEntity.ok(new DeposerFluxResponse(EmulatorRules.OK, SUCCESS_LABEL, numero,
                now.atZoneSameInstant(ChorusDates.PARIS).toLocalDate().toString(), request.syntaxeFlux()));
    }

    /** Each consultation moves the flux one step; the second one integrates or rejects it. */
    @PostMapping("/transverses/v1/consulterCRDetaille")
    @Transactional
    ResponseEntity<Object> consulterCr(@RequestBody ConsulterCrDetailleRequest request) {
        Optional<EmulatorStore.Flux> found = request.numeroFluxDepot() == null ? Optional.empty()
                : store.fluxForUpdate(request.numeroFluxDepot());
        if (found.isEmpty()) {
            return refuse(EmulatorRules.UNKNOWN_INVOICE, "Flux inconnu : " + request.numeroFluxDepot());
        }
        EmulatorStore.Flux flux = found.get();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String etat = flux.etat();
        String erreursDp = flux.erreursDp();
        String erreurTechnique = flux.erreurTechnique();
        if (flux.consultations() == 0) {
            etat = "IN_EN_COURS_TRAITEMENT_CPP";
        } else if (etat.equals("IN_EN_COURS_TRAITEMENT_CPP")) {
            try {
                FluxReader.FluxInvoice invoice = FluxReader.read(flux.contenu(), flux.syntaxe());
                EmulatorDeposits.Outcome outcome = integrate(flux, invoice);
                etat = outcome.accepted() ? "IN_INTEGRE" : "IN_REJETE";
                erreursDp = outcome.accepted() ? null
                        : (invoice.numero() == null ? "" : invoice.numero()) + "\t" + nullToEmpty(invoice.siretFournisseur())
                                + "\t" + nullToEmpty(invoice.siretDestinataire()) + "\t"
                                + String.join("|", outcome.erreurs());
            } catch (IllegalArgumentException e) {
                etat = "IN_REJETE";
                erreurTechnique = e.getMessage();
            }
        }
        OffsetDateTime dateEtat = etat.equals(flux.etat()) ? flux.dateEtat() : now;
        store.updateFlux(flux.numero(), etat, dateEtat, flux.consultations() + 1, erreursDp, erreurTechnique);
        return ResponseEntity.ok(new ConsulterCrDetailleResponse(EmulatorRules.OK, SUCCESS_LABEL, flux.numero(),
                flux.nomFichier(), EmulatorAnswers.dateTime(flux.dateDepot()), EmulatorAnswers.dateTime(dateEtat), etat,
                erreursDp == null ? List.of() : List.of(erreurDp(erreursDp)),
                erreurTechnique == null ? List.of()
                        : List.of(new ErreurTechnique("FLUX_ILLISIBLE", erreurTechnique, "IRRECEVABLE"))));
    }

    private EmulatorDeposits.Outcome integrate(EmulatorStore.Flux flux, FluxReader.FluxInvoice invoice) {
        Optional<EmulatorStore.Structure> supplier = invoice.siretFournisseur() == null ? Optional.empty()
                : store.structureByIdentifiant(invoice.siretFournisseur())
                        .filter(EmulatorStore.Structure::compteFournisseur);
        if (supplier.isEmpty()) {
            return new EmulatorDeposits.Outcome(null, List.of("Le fournisseur "
                    + (invoice.siretFournisseur() == null ? "(SIRET absent du flux)" : invoice.siretFournisseur())
                    + " n'est pas rattaché au compte qui dépose"));
        }
        byte[] pdf = flux.syntaxe().equals("IN_DP_E2_CII_FACTURX") ? flux.contenu() : rendition(invoice);
        return deposits.deposit(new EmulatorDeposits.Deposit(supplier.get().id(), invoice.numero(),
                "381".equals(invoice.typeCode()) ? "AVOIR" : "FACTURE", invoice.dateFacture(), invoice.dateEcheance(),
                invoice.siretDestinataire(), invoice.codeService(), invoice.numeroEngagement(), invoice.montantHt(),
                invoice.montantTva(), invoice.montantTtc(), "DEPOT_FLUX", flux.numero(), pdf));
    }

    /** Chorus makes a PDF view of a structured flux; the emulator draws a simple one. */
    private static byte[] rendition(FluxReader.FluxInvoice invoice) {
        BigDecimal ht = invoice.montantHt() == null ? BigDecimal.ZERO : invoice.montantHt();
        BigDecimal tva = invoice.montantTva() == null ? BigDecimal.ZERO : invoice.montantTva();
        BigDecimal rate = ht.signum() == 0 ? BigDecimal.ZERO : tva.divide(ht, 4, RoundingMode.HALF_UP);
        return DemoInvoicePdf.render(new DemoInvoicePdf.Content(nullToEmpty(invoice.nomFournisseur()),
                nullToEmpty(invoice.siretFournisseur()), "", "Destinataire", nullToEmpty(invoice.siretDestinataire()),
                invoice.codeService(), nullToEmpty(invoice.numero()),
                invoice.dateFacture() == null ? LocalDate.now(ChorusDates.PARIS) : invoice.dateFacture(), invoice.dateEcheance(),
                invoice.numeroEngagement(), List.of(new DemoInvoicePdf.Line("Selon flux structuré", BigDecimal.ONE, ht)),
                rate));
    }

    private static ErreurDp erreurDp(String stored) {
        String[] parts = stored.split("\t", 4);
        return new ErreurDp(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null,
                parts.length > 3 ? parts[3] : null);
    }

    @PostMapping("/factures/v1/rechercher/fournisseur")
    ResponseEntity<Object> rechercherFournisseur(@RequestBody RechercheFournisseurRequest request) {
        EmulatorAnswers.PageRequest page = EmulatorAnswers.PageRequest.of(request.rechercheFactureParFournisseur(),
                properties.emulator().maxPageSize());
        EmulatorStore.Page result = store.searchEmitted(request.numeroFluxDepot(), request.idFournisseur(),
                request.numeroFacture(), page.offset(), page.size());
        if (result.total() == 0) {
            return ResponseEntity.ok(new RechercheFournisseurResponse(EmulatorRules.EMPTY_SEARCH,
                    "La recherche n'a retourné aucun résultat", List.of(), null));
        }
        return ResponseEntity.ok(new RechercheFournisseurResponse(EmulatorRules.OK, SUCCESS_LABEL,
                result.items().stream().map(f -> new FactureEmise(f.id(), f.numero(), f.statut(), f.numeroFlux(),
                        f.idDestinataire(), f.destinataireIdentifiant(), f.serviceCode(), f.dateDepot().toString(),
                        EmulatorAnswers.dateTime(f.dateHeureEtatCourant()), f.commentaireEtat(), f.montantHt(),
                        f.montantTtc())).toList(),
                new ParametresRetour(page.page(), page.pages(result.total()), page.size(), (int) result.total())));
    }

    @PostMapping("/factures/v1/consulter/fournisseur")
    ResponseEntity<Object> consulterFournisseur(@RequestBody ConsulterFournisseurRequest request) {
        return emitted(request.identifiantFactureCPP())
                .<ResponseEntity<Object>>map(f -> ResponseEntity.ok(new ConsulterFactureResponse(EmulatorRules.OK,
                        SUCCESS_LABEL, EmulatorReceptionController.detail(f, store.piecesJointes(f.id())))))
                .orElseGet(EmulatorReceptionController::unknownInvoice);
    }

    @PostMapping("/transverses/v1/ajouter/fichier")
    @Transactional
    ResponseEntity<Object> ajouterFichier(@RequestBody AjouterFichierRequest request) {
        if (request.pieceJointeNom() == null || request.pieceJointeNom().length() > MAX_ATTACHMENT_NAME) {
            return ResponseEntity.badRequest().build();
        }
        if (request.pieceJointeFichier() == null || request.pieceJointeFichier().length == 0) {
            return refuse(EmulatorRules.INVALID_REQUEST, "pieceJointeFichier est obligatoire");
        }
        if (request.pieceJointeFichier().length > MAX_FILE) {
            return refuse(FILE_TOO_LARGE, "Le fichier dépasse la taille maximale de 10 Mo");
        }
        long id = store.insertPieceJointe(request.pieceJointeNom(), request.pieceJointeTypeMime(),
                request.pieceJointeExtension(), request.pieceJointeFichier(), null, null);
        return ResponseEntity.ok(new AjouterFichierResponse(EmulatorRules.OK, SUCCESS_LABEL, id));
    }

    @PostMapping("/factures/v1/deposer/pdf")
    @Transactional
    ResponseEntity<Object> deposerPdf(@RequestBody DeposerPdfRequest request) {
        if (request.fichierFacture() == null || request.fichierFacture().length == 0) {
            return refuse(EmulatorRules.INVALID_REQUEST, "fichierFacture est obligatoire");
        }
        if (request.fichierFacture().length > MAX_FILE) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        long id = store.insertPieceJointe(request.nomFichier() == null ? "facture.pdf" : request.nomFichier(),
                "application/pdf", "pdf", request.fichierFacture(), null, "01");
        return ResponseEntity.ok(new DeposerPdfResponse(EmulatorRules.OK, SUCCESS_LABEL, id, null, null, null, null,
                null, null, null, null, null, null, null));
    }

    @PostMapping("/factures/v1/soumettre")
    @Transactional
    ResponseEntity<Object> soumettre(@RequestBody SoumettreFactureRequest request) {
        Long idFournisseur = request.fournisseur() == null ? null : request.fournisseur().idFournisseur();
        boolean ownSupplier = idFournisseur != null && store.structure(idFournisseur)
                .map(EmulatorStore.Structure::compteFournisseur).orElse(false);
        if (!ownSupplier) {
            return refuse(DEPOSIT_REFUSED, "Le fournisseur " + idFournisseur + " n'est pas rattaché au compte");
        }
        byte[] pdf;
        if ("DEPOT_PDF_API".equals(request.modeDepot())) {
            Long pieceId = request.pieceJointePrincipale() == null || request.pieceJointePrincipale().isEmpty() ? null
                    : request.pieceJointePrincipale().get(0).pieceJointePrincipaleId();
            Optional<byte[]> piece = pieceId == null ? Optional.empty() : store.pieceJointe(pieceId);
            if (piece.isEmpty()) {
                return refuse(DEPOSIT_REFUSED, "La pièce jointe principale est absente ou inconnue");
            }
            pdf = piece.get();
        } else if ("SAISIE_API".equals(request.modeDepot())) {
            pdf = null;
        } else {
            return refuse(EmulatorRules.INVALID_REQUEST, "modeDepot doit valoir DEPOT_PDF_API ou SAISIE_API");
        }
        MontantTotal totals = request.montantTotal();
        String siret = request.destinataire() == null ? null : request.destinataire().codeDestinataire();
        String service = request.destinataire() == null ? null : request.destinataire().codeServiceExecutant();
        String engagement = request.references() == null ? null : request.references().numeroBonCommande();
        LocalDate date = ChorusDates.date(request.dateFacture()).orElse(null);
        if (pdf == null) {
            pdf = rendition(new FluxReader.FluxInvoice(request.numeroFactureSaisi(), "380", date, null,
                    store.structure(idFournisseur).map(EmulatorStore.Structure::identifiant).orElse(null), null, siret,
                    service, engagement, "EUR", totals == null ? null : totals.montantHtTotal(),
                    totals == null ? null : totals.montantTVA(), totals == null ? null : totals.montantTtcTotal()));
        }
        EmulatorDeposits.Outcome outcome = deposits.deposit(new EmulatorDeposits.Deposit(idFournisseur,
                request.numeroFactureSaisi(),
                request.references() == null || request.references().typeFacture() == null ? "FACTURE"
                        : request.references().typeFacture(),
                date, null, siret, service, engagement, totals == null ? null : totals.montantHtTotal(),
                totals == null ? null : totals.montantTVA(), totals == null ? null : totals.montantTtcTotal(),
                request.modeDepot(), null, pdf));
        if (!outcome.accepted()) {
            return refuse(DEPOSIT_REFUSED, String.join(" | ", outcome.erreurs()));
        }
        EmulatorStore.Facture facture = store.facture(outcome.idFacture()).orElseThrow();
        return ResponseEntity.ok(new SoumettreFactureResponse(EmulatorRules.OK, SUCCESS_LABEL, facture.id(),
                facture.numero(), facture.dateDepot().toString(), facture.statut()));
    }

    @PostMapping("/factures/v1/completer")
    @Transactional
    ResponseEntity<Object> completer(@RequestBody CompleterFactureRequest request) {
        Optional<EmulatorStore.Facture> found = request.identifiantFactureCPP() == null ? Optional.empty()
                : store.factureForUpdate(request.identifiantFactureCPP()).filter(this::isEmittedByAccount);
        if (found.isEmpty()) {
            return EmulatorReceptionController.unknownInvoice();
        }
        EmulatorStore.Facture facture = found.get();
        if (!EmulatorRules.SUSPENDED.equals(facture.statut())) {
            return refuse(NOT_SUSPENDED, "GDP_MSG_11.033 La facture n'est pas au statut Suspendue");
        }
        if (request.pieceJointeComplementaire() != null) {
            for (PieceJointeComplementaire piece : request.pieceJointeComplementaire()) {
                if (piece.pieceJointeComplementaireId() == null
                        || store.pieceJointe(piece.pieceJointeComplementaireId()).isEmpty()) {
                    return refuse(EmulatorRules.INVALID_REQUEST, "Pièce jointe inconnue : "
                            + piece.pieceJointeComplementaireId());
                }
                store.attachToFacture(piece.pieceJointeComplementaireId(), facture.id(), "02");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        store.changeStatus(facture.id(), "COMPLETEE", request.commentaire(), now);
        return ResponseEntity.ok(new CompleterFactureResponse(EmulatorRules.OK, SUCCESS_LABEL, facture.id(),
                facture.numero(), now.atZoneSameInstant(ChorusDates.PARIS).toLocalDate().toString()));
    }

    private Optional<EmulatorStore.Facture> emitted(Long id) {
        return id == null ? Optional.empty() : store.facture(id).filter(this::isEmittedByAccount);
    }

    private boolean isEmittedByAccount(EmulatorStore.Facture facture) {
        return store.structure(facture.idFournisseur()).map(EmulatorStore.Structure::compteFournisseur).orElse(false);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
