package fr.facteur.chorus.emulator;

import static fr.facteur.chorus.emulator.EmulatorAnswers.SUCCESS_LABEL;
import static fr.facteur.chorus.emulator.EmulatorAnswers.refuse;

import fr.facteur.chorus.ChorusDates;
import fr.facteur.chorus.ChorusProperties;
import fr.facteur.chorus.api.Common.MontantTotal;
import fr.facteur.chorus.api.Factures.ConsulterFactureResponse;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueRequest;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueResponse;
import fr.facteur.chorus.api.Factures.ConsulterRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.Destinataire;
import fr.facteur.chorus.api.Factures.FactureDetail;
import fr.facteur.chorus.api.Factures.FactureRecue;
import fr.facteur.chorus.api.Factures.Fournisseur;
import fr.facteur.chorus.api.Factures.HistoStatut;
import fr.facteur.chorus.api.Factures.HistoriquesDesStatuts;
import fr.facteur.chorus.api.Factures.IdFacture;
import fr.facteur.chorus.api.Factures.ListeDesPiecesJointes;
import fr.facteur.chorus.api.Factures.PieceJointe;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireResponse;
import fr.facteur.chorus.api.Factures.References;
import fr.facteur.chorus.api.Factures.TelechargerGroupeRequest;
import fr.facteur.chorus.api.Factures.TelechargerGroupeResponse;
import fr.facteur.chorus.api.Factures.TraiterFactureRecueRequest;
import fr.facteur.chorus.api.Factures.TraiterFactureRecueResponse;
import fr.facteur.chorus.api.Transverses.RecupererEtatsRequest;
import fr.facteur.chorus.api.Transverses.RecupererEtatsResponse;
import fr.facteur.chorus.api.Transverses.StatutPossible;
import fr.facteur.chorus.api.Transverses.StructureActive;
import fr.facteur.chorus.api.Transverses.StructuresActivesResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The recipient side of the emulator: search, read, download and process received invoices. */
@RestController
@ConditionalOnEmulator
@RequestMapping("/emulator/cpro")
class EmulatorReceptionController {

    private final EmulatorStore store;
    private final ChorusProperties properties;

    EmulatorReceptionController(EmulatorStore store, ChorusProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @PostMapping("/factures/v1/rechercher/recipiendaire")
    ResponseEntity<Object> rechercher(@RequestBody RechercheRecipiendaireRequest request) {
        EmulatorAnswers.PageRequest page = EmulatorAnswers.PageRequest.of(request.paramRecherche(),
                properties.emulator().maxPageSize());
        OffsetDateTime du = ChorusDates.dateTime(request.periodeDateHeureEtatCourantDu()).orElse(null);
        OffsetDateTime au = ChorusDates.dateTime(request.periodeDateHeureEtatCourantAu()).orElse(null);
        EmulatorStore.Page result = store.searchReceived(request.idDestinataire(), request.idServiceExecutant(), du, au,
                request.statutCourant(), request.numeroFacture(), request.factureTelechargeeParDestinataire(),
                page.offset(), page.size());
        if (result.total() == 0) {
            return ResponseEntity.ok(new RechercheRecipiendaireResponse(EmulatorRules.EMPTY_SEARCH,
                    "TRA_MSG_00.015 La recherche n'a retourné aucun résultat", null, null, null, null, null));
        }
        return ResponseEntity.ok(new RechercheRecipiendaireResponse(EmulatorRules.OK, SUCCESS_LABEL, page.page(),
                page.pages(result.total()), page.size(),
                (int) result.total(), result.items().stream().map(EmulatorReceptionController::summary).toList()));
    }

    @PostMapping("/factures/v1/consulter/recipiendaire")
    ResponseEntity<Object> consulter(@RequestBody ConsulterRecipiendaireRequest request) {
        return received(request.identifiantFactureCPP())
                .<ResponseEntity<Object>>map(f -> ResponseEntity.ok(new ConsulterFactureResponse(EmulatorRules.OK,
                        SUCCESS_LABEL, detail(f, store.piecesJointes(f.id())))))
                .orElseGet(EmulatorReceptionController::unknownInvoice);
    }

    @PostMapping("/factures/v1/telecharger/groupe")
    @Transactional
    ResponseEntity<Object> telecharger(@RequestBody TelechargerGroupeRequest request) {
        boolean pivot = "PIVOT".equals(request.format());
        if (!(pivot || "PDF".equals(request.format())) || request.listeFacture() == null
                || request.listeFacture().isEmpty()) {
            return refuse(EmulatorRules.INVALID_REQUEST, "Format PDF ou PIVOT et au moins une facture attendus");
        }
        List<EmulatorStore.Facture> factures = new ArrayList<>();
        for (IdFacture id : request.listeFacture()) {
            var facture = received(id.idFacture());
            if (facture.isEmpty()) {
                return unknownInvoice();
            }
            factures.add(facture.get());
        }
        factures.forEach(f -> store.markDownloaded(f.id()));
        if (pivot) {
            return ResponseEntity.ok(new TelechargerGroupeResponse(EmulatorRules.OK, SUCCESS_LABEL,
                    EmulatorPivot.write(factures, store)));
        }
        boolean withAttachments = "OUI".equals(request.avecPiecesJointesComplementaires());
        byte[] file;
        if (factures.size() == 1 && withAttachments && hasComplementaryAttachments(factures.get(0).id())) {
            file = zipWithAttachments(factures.get(0));
        } else {
            file = factures.size() == 1 ? store.pdf(factures.get(0).id()) : zip(factures);
        }
        return ResponseEntity.ok(new TelechargerGroupeResponse(EmulatorRules.OK, SUCCESS_LABEL, file));
    }

    @PostMapping("/factures/v1/consulter/historique")
    ResponseEntity<Object> historique(@RequestBody ConsulterHistoriqueRequest request) {
        var facture = request.idFacture() == null ? Optional.<EmulatorStore.Facture>empty()
                : store.facture(request.idFacture());
        if (facture.isEmpty()) {
            return unknownInvoice();
        }
        List<HistoStatut> lines = store.historique(facture.get().id()).stream()
                .map(h -> new HistoStatut(h.id(), h.statut(),
                        h.datePassage().atZoneSameInstant(ChorusDates.PARIS).format(EmulatorAnswers.HISTORY_DATE),
                        h.commentaire(), h.auteur().prenom(), h.auteur().nom()))
                .toList();
        return ResponseEntity.ok(new ConsulterHistoriqueResponse(EmulatorRules.OK, SUCCESS_LABEL, facture.get().id(),
                facture.get().numero(), facture.get().statut(),
                new HistoriquesDesStatuts(lines, 1, 1, lines.size())));
    }

    @PostMapping("/factures/v1/traiter/recue")
    @Transactional
    ResponseEntity<Object> traiter(@RequestBody TraiterFactureRecueRequest request) {
        var found = request.idFacture() == null ? Optional.<EmulatorStore.Facture>empty()
                : store.factureForUpdate(request.idFacture()).filter(this::isReceivedByAccount);
        if (found.isEmpty()) {
            return unknownInvoice();
        }
        EmulatorStore.Facture facture = found.get();
        String target = request.nouveauStatut();
        if (target == null || !EmulatorRules.targets(facture.statut()).contains(target)) {
            return refuse(EmulatorRules.TRANSITION_REFUSED,
                    "Incohérence au niveau du statut d'origine ou de destination de la facture. ("
                            + facture.statut() + " -> " + target + ")");
        }
        if (EmulatorRules.MOTIF_TARGETS.contains(target) && (request.motif() == null || request.motif().isBlank())) {
            return refuse(EmulatorRules.MOTIF_REQUIRED, "Le motif est obligatoire pour le statut " + target);
        }
        if ("MANDATEE".equals(target) && (request.numeroDPMandat() == null || request.numeroDPMandat().isBlank())) {
            return refuse(EmulatorRules.MANDATE_REQUIRED, "Le numéro de mandat est obligatoire pour le statut MANDATEE");
        }
        String comment = "MANDATEE".equals(target) ? "Mandat " + request.numeroDPMandat() : request.motif();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // set through the API: Chorus Pro names the technical account's user
        store.changeStatus(facture.id(), target, comment, now, new EmulatorStore.Auteur("Compte", "technique"));
        return ResponseEntity.ok(new TraiterFactureRecueResponse(EmulatorRules.OK, SUCCESS_LABEL, facture.id(),
                facture.numero(), now.atZoneSameInstant(ChorusDates.PARIS).toLocalDate().toString(), target));
    }

    @PostMapping("/transverses/v1/recuperer/etats/traitement")
    RecupererEtatsResponse etats(@RequestBody RecupererEtatsRequest request) {
        return new RecupererEtatsResponse(EmulatorRules.OK, SUCCESS_LABEL,
                EmulatorRules.targets(request.statutCourant()).stream().map(StatutPossible::new).toList());
    }

    @PostMapping("/transverses/v1/recuperer/structures/actives/destinataire")
    StructuresActivesResponse destinataires(@RequestBody(required = false) Map<String, Object> ignored) {
        return actives("compte_destinataire AND active");
    }

    @PostMapping("/transverses/v1/recuperer/structures/actives/fournisseur")
    StructuresActivesResponse fournisseurs(@RequestBody(required = false) Map<String, Object> ignored) {
        return actives("compte_fournisseur AND active");
    }

    private StructuresActivesResponse actives(String where) {
        return new StructuresActivesResponse(EmulatorRules.OK, SUCCESS_LABEL, store.structures(where).stream()
                .map(s -> new StructureActive(s.id(), s.identifiant(), s.designation())).toList());
    }

    private Optional<EmulatorStore.Facture> received(Long id) {
        return id == null ? Optional.empty() : store.facture(id).filter(this::isReceivedByAccount);
    }

    private boolean isReceivedByAccount(EmulatorStore.Facture facture) {
        return store.structure(facture.idDestinataire()).map(EmulatorStore.Structure::compteDestinataire)
                .orElse(false);
    }

    static ResponseEntity<Object> unknownInvoice() {
        return refuse(EmulatorRules.UNKNOWN_INVOICE, "GDP_MSG_11.008 La demande de paiement est inconnue du système");
    }

    static FactureRecue summary(EmulatorStore.Facture f) {
        return new FactureRecue(f.id(), f.numero(), f.statut(), EmulatorAnswers.dateTime(f.dateHeureEtatCourant()),
                f.commentaireEtat(), f.dateDepot().toString(), f.dateFacture().toString(), "FACTURE", f.typeFacture(),
                f.idDestinataire(), f.destinataireIdentifiant(), f.destinataireDesignation(), f.idService(),
                f.serviceCode(), f.serviceLibelle(), f.fournisseurIdentifiant(), "SIRET", f.fournisseurDesignation(),
                f.numeroBonCommande(), f.numeroMarche(), f.montantHt(), f.montantTtc(), f.montantAPayer(), f.devise(),
                f.telechargee());
    }

    static FactureDetail detail(EmulatorStore.Facture f, List<EmulatorStore.PieceJointeRow> attachments) {
        List<PieceJointe> pieces = new ArrayList<>();
        pieces.add(new PieceJointe(f.id(), "Facture " + f.numero(), "PDF", "01", "Facture"));
        attachments.forEach(a -> pieces.add(new PieceJointe(a.id(), a.nom(), a.extension(),
                a.typeCode() == null ? "02" : a.typeCode(), "Pièce jointe complémentaire")));
        return new FactureDetail(f.id(), f.numero(), f.statut(), f.modeDepot(), f.commentaireEtat(),
                new Destinataire(f.destinataireIdentifiant(), f.idDestinataire(), f.destinataireDesignation(),
                        f.serviceCode(), f.idService(), f.serviceLibelle()),
                new Fournisseur(f.fournisseurIdentifiant(), f.idFournisseur(), "SIRET", f.fournisseurDesignation(), null),
                new References(f.numeroBonCommande(), f.numeroMarche(), null, f.dateFacture().toString(),
                        f.dateDepot().toString(), f.dateEcheance() == null ? null : f.dateEcheance().toString(),
                        f.devise(), f.typeFacture(), "TVA_SUR_DEBIT", "VIREMENT"),
                new MontantTotal(f.montantHt(), f.montantTva(), f.montantTtc(), f.montantAPayer()),
                new ListeDesPiecesJointes(pieces));
    }

    private boolean hasComplementaryAttachments(long idFacture) {
        return store.piecesJointes(idFacture).stream().anyMatch(p -> "02".equals(p.typeCode()));
    }

    /** As Chorus Pro answers for one invoice with attachments: a ZIP with its PDF and the added files. */
    private byte[] zipWithAttachments(EmulatorStore.Facture facture) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("facture-" + facture.numero().replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf"));
            zip.write(store.pdf(facture.id()));
            zip.closeEntry();
            for (EmulatorStore.PieceJointeRow piece : store.piecesJointes(facture.id())) {
                if ("02".equals(piece.typeCode())) {
                    zip.putNextEntry(new ZipEntry(piece.id() + "-" + piece.nom().replaceAll("[^A-Za-z0-9._-]", "_")));
                    zip.write(store.pieceJointe(piece.id()).orElseThrow());
                    zip.closeEntry();
                }
            }
            zip.finish();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] zip(List<EmulatorStore.Facture> factures) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (EmulatorStore.Facture f : factures) {
                zip.putNextEntry(new ZipEntry(f.id() + "/facture-" + f.numero().replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".pdf"));
                zip.write(store.pdf(f.id()));
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
