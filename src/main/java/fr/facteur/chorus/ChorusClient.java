package fr.facteur.chorus;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import fr.facteur.chorus.api.ChorusResponse;
import fr.facteur.chorus.api.Common.ParamRecherche;
import fr.facteur.chorus.api.Common.ParametresRetour;
import fr.facteur.chorus.api.Factures.CompleterFactureRequest;
import fr.facteur.chorus.api.Factures.CompleterFactureResponse;
import fr.facteur.chorus.api.Factures.ConsulterFournisseurRequest;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueRequest;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueResponse;
import fr.facteur.chorus.api.Factures.ConsulterRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.DeposerFluxRequest;
import fr.facteur.chorus.api.Factures.DeposerFluxResponse;
import fr.facteur.chorus.api.Factures.DeposerPdfRequest;
import fr.facteur.chorus.api.Factures.DeposerPdfResponse;
import fr.facteur.chorus.api.Factures.FactureDetail;
import fr.facteur.chorus.api.Factures.FactureEmise;
import fr.facteur.chorus.api.Factures.FactureRecue;
import fr.facteur.chorus.api.Factures.RechercheFournisseurRequest;
import fr.facteur.chorus.api.Factures.RechercheFournisseurResponse;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireResponse;
import fr.facteur.chorus.api.Factures.SoumettreFactureRequest;
import fr.facteur.chorus.api.Factures.SoumettreFactureResponse;
import fr.facteur.chorus.api.Factures.TelechargerGroupeRequest;
import fr.facteur.chorus.api.Factures.TraiterFactureRecueRequest;
import fr.facteur.chorus.api.Factures.TraiterFactureRecueResponse;
import fr.facteur.chorus.api.Structures.ConsulterStructureRequest;
import fr.facteur.chorus.api.Structures.ConsulterStructureResponse;
import fr.facteur.chorus.api.Structures.RechercherServicesRequest;
import fr.facteur.chorus.api.Structures.RechercherServicesResponse;
import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.chorus.api.Structures.RechercherStructureResponse;
import fr.facteur.chorus.api.Structures.ServiceStructure;
import fr.facteur.chorus.api.Structures.StructureTrouvee;
import fr.facteur.chorus.api.Transverses.AjouterFichierRequest;
import fr.facteur.chorus.api.Transverses.AjouterFichierResponse;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleRequest;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleResponse;
import fr.facteur.chorus.api.Transverses.RecupererEtatsRequest;
import fr.facteur.chorus.api.Transverses.StatutPossible;
import fr.facteur.chorus.api.Transverses.StructureActive;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Facteur's only way to Chorus Pro. Every call: renews the token once on a 401, checks
 * {@code codeRetour} (a non-zero code is a {@link ChorusFunctionalException}, except a search's
 * "no result"), and reports transport failures as {@link ChorusTechnicalException}.
 */
@Service
public class ChorusClient {

    /** {@code rechercher/recipiendaire}: "la recherche n'a retourné aucun résultat". */
    public static final int EMPTY_SEARCH = 20000;

    private static final Logger log = LoggerFactory.getLogger(ChorusClient.class);
    private static final int PAGE_SIZE = 100;

    private final ChorusFeignClients.Factures factures;
    private final ChorusFeignClients.Transverses transverses;
    private final ChorusFeignClients.Structures structures;
    private final ChorusFeignClients.Engagements engagements;
    private final PisteTokenProvider tokens;
    private final ChorusCallRetry retry;

    ChorusClient(ChorusFeignClients.Factures factures, ChorusFeignClients.Transverses transverses,
                 ChorusFeignClients.Structures structures, ChorusFeignClients.Engagements engagements,
                 PisteTokenProvider tokens, ChorusProperties properties) {
        this.factures = factures;
        this.transverses = transverses;
        this.structures = structures;
        this.engagements = engagements;
        this.tokens = tokens;
        this.retry = properties.callRetry() == null ? ChorusCallRetry.NONE : properties.callRetry().policy();
    }

    /** How transient failures are tried again inside a step (for callers that retry a sequence). */
    public ChorusCallRetry retry() {
        return retry;
    }

    // --- reception ------------------------------------------------------------------------------

    /** Every received invoice matching the criteria, all pages followed (criteria's page ignored). */
    public List<FactureRecue> searchReceived(RechercheRecipiendaireRequest criteria) {
        return ChorusPages.collect(page -> {
            RechercheRecipiendaireResponse answer = call("rechercherRecipiendaire",
                    () -> factures.rechercherRecipiendaire(criteria.withPage(ParamRecherche.page(page, PAGE_SIZE))),
                    Set.of(EMPTY_SEARCH));
            return new ChorusPages.Page<>(answer.listeFactures(), answer.pageCourante(), answer.pages());
        });
    }

    public FactureDetail consultReceived(long idFacture) {
        return required("consulterRecipiendaire", call("consulterRecipiendaire",
                () -> factures.consulterRecipiendaire(new ConsulterRecipiendaireRequest(idFacture, "FR"))).facture());
    }

    /** The invoice's PDF (one invoice per call: Chorus refuses downloads above 120 MB). */
    public byte[] downloadPdf(long idFacture) {
        return download(idFacture, TelechargerGroupeRequest.pdf(idFacture));
    }

    /** The invoice's PDF with its complementary attachments: a ZIP when it has some, else the PDF. */
    public byte[] downloadWithAttachments(long idFacture) {
        return download(idFacture, TelechargerGroupeRequest.pdfWithAttachments(idFacture));
    }

    /** The invoice's PIVOT XML: its data as Chorus Pro holds them, with its files embedded (Base64). */
    public byte[] downloadPivot(long idFacture) {
        return download(idFacture, TelechargerGroupeRequest.pivot(idFacture));
    }

    private byte[] download(long idFacture, TelechargerGroupeRequest request) {
        byte[] file = call("telechargerGroupe", () -> factures.telechargerGroupe(request)).fichierResultat();
        if (file == null || file.length == 0) {
            throw new ChorusTechnicalException("Chorus Pro telechargerGroupe returned no file for invoice "
                    + idFacture, null, null, null);
        }
        return file;
    }

    public ConsulterHistoriqueResponse history(long idFacture) {
        return call("consulterHistorique", () -> factures.consulterHistorique(new ConsulterHistoriqueRequest(idFacture)));
    }

    /** Pushes a processing status; the motif is required by Chorus for SUSPENDUE and REJETEE. */
    public TraiterFactureRecueResponse processReceived(long idFacture, String status, String motif,
                                                       String mandateNumber) {
        return call("traiterRecue", () -> factures.traiterRecue(
                new TraiterFactureRecueRequest(idFacture, status, motif, mandateNumber)));
    }

    /** The statuses a recipient may set from {@code currentStatus}. */
    public List<String> allowedTargets(String currentStatus) {
        List<StatutPossible> possible = call("recupererEtatsTraitement",
                () -> transverses.recupererEtatsTraitement(new RecupererEtatsRequest(currentStatus)))
                .listeStatutsPossiblesPourTraitement();
        return possible == null ? List.of() : possible.stream()
                .map(StatutPossible::statutPossiblePourTraitement).filter(Objects::nonNull).toList();
    }

    /** Structures the technical account receives invoices for. */
    public List<StructureActive> recipientStructures() {
        return nullToEmpty(call("structuresActivesDestinataire",
                () -> transverses.structuresActivesDestinataire(Map.of())).listeStructures());
    }

    /** Structures the technical account emits invoices for. */
    public List<StructureActive> supplierStructures() {
        return nullToEmpty(call("structuresActivesFournisseur",
                () -> transverses.structuresActivesFournisseur(Map.of())).listeStructures());
    }

    // --- structures -----------------------------------------------------------------------------

    public List<StructureTrouvee> findStructures(RechercherStructureRequest criteria) {
        return pagedSearch("rechercherStructure", page -> structures.rechercher(criteria.withPage(page)),
                RechercherStructureResponse::listeStructures, RechercherStructureResponse::parametresRetour);
    }

    public ConsulterStructureResponse structure(long idStructureCpp) {
        return call("consulterStructure", () -> structures.consulter(new ConsulterStructureRequest(idStructureCpp, "FR")));
    }

    /** Whether the recipient structure has this legal commitment (EJ) in the state COMMANDE (reference §5.5). */
    public boolean engagementExists(long idStructureCpp, String numero) {
        var answer = call("rechercherEngagement", () -> engagements.rechercher(
                fr.facteur.chorus.api.Engagements.RechercherEngagementRequest.ordered(idStructureCpp, numero)),
                Set.of(EMPTY_SEARCH));
        return answer.listeEngagementJuridique() != null && !answer.listeEngagementJuridique().isEmpty();
    }

    public List<ServiceStructure> services(long idStructureCpp) {
        RechercherServicesRequest criteria = new RechercherServicesRequest(idStructureCpp, null);
        return pagedSearch("rechercherServices", page -> structures.rechercherServices(criteria.withPage(page)),
                RechercherServicesResponse::listeServices, RechercherServicesResponse::parametresRetour);
    }

    // --- emission -------------------------------------------------------------------------------

    public DeposerFluxResponse depositFlux(byte[] file, String filename, String syntaxeFlux) {
        DeposerFluxResponse answer = call("deposerFlux",
                () -> factures.deposerFlux(new DeposerFluxRequest(file, filename, syntaxeFlux, false)));
        required("deposerFlux", answer.numeroFluxDepot());
        return answer;
    }

    public ConsulterCrDetailleResponse depositReport(String numeroFluxDepot) {
        return call("consulterCRDetaille",
                () -> transverses.consulterCrDetaille(new ConsulterCrDetailleRequest(numeroFluxDepot, null)));
    }

    public List<FactureEmise> searchEmitted(RechercheFournisseurRequest criteria) {
        return pagedSearch("rechercherFournisseur", page -> factures.rechercherFournisseur(criteria.withPage(page)),
                RechercheFournisseurResponse::listeFactures, RechercheFournisseurResponse::parametresRetour);
    }

    public FactureDetail consultEmitted(long identifiantFactureCpp) {
        return required("consulterFournisseur", call("consulterFournisseur",
                () -> factures.consulterFournisseur(new ConsulterFournisseurRequest(identifiantFactureCpp))).facture());
    }

    public long addFile(byte[] content, String name, String mediaType, String extension) {
        AjouterFichierResponse answer = call("ajouterFichier",
                () -> transverses.ajouterFichier(new AjouterFichierRequest(content, name, mediaType, extension)));
        return required("ajouterFichier", answer.pieceJointeId());
    }

    public DeposerPdfResponse depositPdf(byte[] pdf, String filename) {
        DeposerPdfResponse answer = call("deposerPdf",
                () -> factures.deposerPdf(new DeposerPdfRequest(pdf, filename, "PDF_NON_SIGNE")));
        required("deposerPdf", answer.pieceJointeId());
        return answer;
    }

    public SoumettreFactureResponse submit(SoumettreFactureRequest request) {
        SoumettreFactureResponse answer = call("soumettre", () -> factures.soumettre(request));
        required("soumettre", answer.identifiantFactureCPP());
        return answer;
    }

    public CompleterFactureResponse complete(CompleterFactureRequest request) {
        return call("completer", () -> factures.completer(request));
    }

    // --- the one way every call goes ------------------------------------------------------------

    private <R extends ChorusResponse> R call(String operation, Supplier<R> request) {
        return call(operation, request, Set.of());
    }

    private <R extends ChorusResponse> R call(String operation, Supplier<R> request, Set<Integer> emptyCodes) {
        return retry.run(operation, !ChorusCallRetry.WRITES.contains(operation),
                attempt -> callOnce(operation, request, emptyCodes));
    }

    private <R extends ChorusResponse> R callOnce(String operation, Supplier<R> request, Set<Integer> emptyCodes) {
        R answer;
        try {
            answer = withTokenRenewal(request);
        } catch (RetryableException e) {
            throw new ChorusTechnicalException("Chorus Pro " + operation + " unreachable: " + e.getMessage(),
                    null, null, e);
        } catch (DecodeException e) {
            throw new ChorusTechnicalException("Chorus Pro " + operation + " gave an unreadable answer: "
                    + e.getMessage(), e.status(), null, e);
        } catch (FeignException e) {
            throw new ChorusTechnicalException("Chorus Pro " + operation + " failed: " + e.getMessage(),
                    e.status(), null, e);
        }
        if (answer == null) {
            throw new ChorusTechnicalException("Chorus Pro " + operation + " gave an empty answer", null, null, null);
        }
        Integer code = answer.codeRetour();
        if (code != null && code != 0 && !emptyCodes.contains(code)) {
            log.info("Chorus Pro {} refused: codeRetour {} ({})", operation, code, answer.libelle());
            throw new ChorusFunctionalException(operation, code, answer.libelle());
        }
        return answer;
    }

    private <R> R withTokenRenewal(Supplier<R> request) {
        String token = tokens.token();
        try {
            return request.get();
        } catch (ChorusAuthenticationException e) {
            if (e.status() != 401) {
                throw e;
            }
            log.info("Chorus Pro answered 401: fetching a new token and trying once more");
            tokens.invalidate(token);
            return request.get();
        }
    }

    private static <T> T required(String operation, T value) {
        if (value == null) {
            throw new ChorusTechnicalException("Chorus Pro " + operation + " answered without its result",
                    null, null, null);
        }
        return value;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A search whose pagination comes back in {@code parametresRetour}; every page followed. */
    private <R extends ChorusResponse, T> List<T> pagedSearch(String operation, Function<ParamRecherche, R> request,
                                                              Function<R, List<T>> items,
                                                              Function<R, ParametresRetour> pagination) {
        return ChorusPages.collect(page -> {
            R answer = call(operation, () -> request.apply(ParamRecherche.page(page, PAGE_SIZE)), Set.of(EMPTY_SEARCH));
            ParametresRetour retour = pagination.apply(answer);
            return new ChorusPages.Page<>(items.apply(answer), retour == null ? null : retour.pageCourante(),
                    retour == null ? null : retour.pages());
        });
    }
}
