package fr.facteur.chorus.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import fr.facteur.chorus.api.Common.MontantTotal;
import fr.facteur.chorus.api.Common.ParamRecherche;
import fr.facteur.chorus.api.Common.ParametresRetour;
import java.math.BigDecimal;
import java.util.List;

/**
 * Requests and answers of the {@code /cpro/factures/v1} services. Ids are {@code Long} (they pass
 * 2^31), amounts {@code BigDecimal}, files Base64 in JSON ({@code byte[]}), dates kept as the
 * strings Chorus sends (parse them with {@link fr.facteur.chorus.ChorusDates}).
 */
public final class Factures {

    private Factures() {
    }

    // --- rechercher/recipiendaire -------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RechercheRecipiendaireRequest(
            Long idDestinataire,
            Long idServiceExecutant,
            String typeDemandePaiement,
            String periodeDateHeureEtatCourantDu,
            String periodeDateHeureEtatCourantAu,
            String periodeDateDepotDu,
            String periodeDateDepotAu,
            Boolean factureTelechargeeParDestinataire,
            String statutCourant,
            List<String> listeTypeFacture,
            String numeroFacture,
            String numeroBonCommande,
            ParamRecherche paramRecherche) {

        /** Everything whose current status changed in [from, to], for one recipient structure. */
        public static RechercheRecipiendaireRequest changedBetween(Long idDestinataire, String from, String to,
                                                                   ParamRecherche page) {
            return new RechercheRecipiendaireRequest(idDestinataire, null, null, from, to, null, null, null, null,
                    null, null, null, page);
        }

        public RechercheRecipiendaireRequest withPage(ParamRecherche page) {
            return new RechercheRecipiendaireRequest(idDestinataire, idServiceExecutant, typeDemandePaiement,
                    periodeDateHeureEtatCourantDu, periodeDateHeureEtatCourantAu, periodeDateDepotDu,
                    periodeDateDepotAu, factureTelechargeeParDestinataire, statutCourant, listeTypeFacture,
                    numeroFacture, numeroBonCommande, page);
        }
    }

    /** Pagination of this service is at the top level, and may be null (one page). */
    public record RechercheRecipiendaireResponse(
            Integer codeRetour,
            String libelle,
            Integer pageCourante,
            Integer pages,
            Integer nbResultatsParPage,
            Integer total,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<FactureRecue> listeFactures)
            implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FactureRecue(
            Long idFacture,
            String numeroFacture,
            String statut,
            String dateHeureEtatCourant,
            String commentaireEtatCourant,
            String dateDepot,
            String dateFacture,
            String typeDemandePaiement,
            String typeFacture,
            Long idDestinataire,
            String codeDestinataire,
            String designationDestinataire,
            Long idServiceExecutant,
            String codeServiceExecutant,
            String nomServiceExecutant,
            String codeFournisseur,
            String typeIdentifiantFournisseur,
            String designationFournisseur,
            String numeroBonCommande,
            String numeroMarche,
            BigDecimal montantHT,
            BigDecimal montantTTC,
            BigDecimal montantAPayer,
            String devise,
            Boolean factureTelechargeeParDestinataire) {
    }

    // --- consulter/recipiendaire and consulter/fournisseur -------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsulterRecipiendaireRequest(Long identifiantFactureCPP, String codeLangue) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsulterFournisseurRequest(Long identifiantFactureCPP) {
    }

    public record ConsulterFactureResponse(Integer codeRetour, String libelle, FactureDetail facture)
            implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FactureDetail(
            Long identifiantFactureCPP,
            String numeroFacture,
            String statutFacture,
            String modeDepot,
            String commentaire,
            Destinataire destinataire,
            Fournisseur fournisseur,
            References references,
            MontantTotal montantTotal,
            ListeDesPiecesJointes listeDesPiecesJointes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destinataire(String codeDestinataire, Long idDestinataire, String libelleDestinataire,
                               String codeServiceExecutant, Long idServiceExecutant, String libelleServiceExecutant) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fournisseur(String codeFournisseur, Long idFournisseur, String typeIdentifiantFournisseur,
                              String raisonSocialeFournisseur, String designationFournisseur) {

        /** The name, whichever of the two fields the platform filled. */
        public String nom() {
            return raisonSocialeFournisseur != null ? raisonSocialeFournisseur : designationFournisseur;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record References(String numeroBonCommande, String numeroMarche, String numeroFactureOrigine,
                             String dateFacture, String dateDepot, String dateEcheancePaiement,
                             String codeDeviseFacture, String typeFacture, String typeTva, String modePaiement) {
    }

    public record ListeDesPiecesJointes(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<PieceJointe> pieceJointe) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PieceJointe(Long pieceJointeId, String pieceJointeDesignation, String pieceJointeExtension,
                              String pieceJointeTypeCode, String pieceJointeTypeLibelle) {
    }

    // --- telecharger/groupe ---------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TelechargerGroupeRequest(String format, List<IdFacture> listeFacture,
                                           String avecPiecesJointesComplementaires) {

        /** One invoice per call: Chorus answers 413 above 120 MB. */
        public static TelechargerGroupeRequest pdf(long idFacture) {
            return new TelechargerGroupeRequest("PDF", List.of(new IdFacture(idFacture)), "NON");
        }

        /** The PDF and the complementary attachments: a ZIP when there are attachments. */
        public static TelechargerGroupeRequest pdfWithAttachments(long idFacture) {
            return new TelechargerGroupeRequest("PDF", List.of(new IdFacture(idFacture)), "OUI");
        }

        /** The PIVOT XML ({@code CPPFacturePivot}): the invoice's structured data, its files embedded. */
        public static TelechargerGroupeRequest pivot(long idFacture) {
            return new TelechargerGroupeRequest("PIVOT", List.of(new IdFacture(idFacture)), null);
        }
    }

    public record IdFacture(Long idFacture) {
    }

    public record TelechargerGroupeResponse(Integer codeRetour, String libelle, byte[] fichierResultat)
            implements ChorusResponse {
    }

    // --- consulter/historique -------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsulterHistoriqueRequest(Long idFacture) {
    }

    public record ConsulterHistoriqueResponse(Integer codeRetour, String libelle, Long idFacture, String numeroFacture,
                                              String statutCourantCode, HistoriquesDesStatuts historiquesDesStatuts)
            implements ChorusResponse {
    }

    public record HistoriquesDesStatuts(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<HistoStatut> histoStatut,
            Integer pageCouranteHistoStatut, Integer pagesHistoStatut, Integer totalHistoStatut) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoStatut(Long histoStatutId, String histoStatutCode, String histoStatutDatePassage,
                              String histoStatutCommentaire, String histoStatutUtilisateurPrenom,
                              String histoStatutUtilisateurNom) {

        public HistoStatut(Long histoStatutId, String histoStatutCode, String histoStatutDatePassage,
                           String histoStatutCommentaire) {
            this(histoStatutId, histoStatutCode, histoStatutDatePassage, histoStatutCommentaire, null, null);
        }
    }

    // --- traiter/recue --------------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TraiterFactureRecueRequest(Long idFacture, String nouveauStatut, String motif,
                                             String numeroDPMandat) {
    }

    public record TraiterFactureRecueResponse(Integer codeRetour, String libelle, Long idFacture, String numeroFacture,
                                              String dateTraitement, String nouveauStatut) implements ChorusResponse {
    }

    // --- emission: deposer/flux, rechercher/fournisseur, deposer/pdf, soumettre, completer ------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeposerFluxRequest(byte[] fichierFlux, String nomFichier, String syntaxeFlux, Boolean avecSignature) {
    }

    public record DeposerFluxResponse(Integer codeRetour, String libelle, String numeroFluxDepot, String dateDepot,
                                      String syntaxeFlux) implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RechercheFournisseurRequest(String numeroFluxDepot, Long idFournisseur, String numeroFacture,
                                              ParamRecherche rechercheFactureParFournisseur) {

        public RechercheFournisseurRequest withPage(ParamRecherche page) {
            return new RechercheFournisseurRequest(numeroFluxDepot, idFournisseur, numeroFacture, page);
        }
    }

    public record RechercheFournisseurResponse(
            Integer codeRetour,
            String libelle,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<FactureEmise> listeFactures,
            ParametresRetour parametresRetour) implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FactureEmise(Long identifiantFactureCPP, String numeroFacture, String statut, String numeroFluxDepot,
                               Long idDestinataire, String codeDestinataire, String codeServiceExecutant,
                               String dateDepot, String dateHeureEtatCourant, String commentaireEtatCourant,
                               BigDecimal montantHtTotal, BigDecimal montantTtcTotal) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeposerPdfRequest(byte[] fichierFacture, String nomFichier, String formatDepot) {
    }

    public record DeposerPdfResponse(Integer codeRetour, String libelle, Long pieceJointeId, String numeroFacture,
                                     String dateFacture, String codeDestinataire, String codeServiceExecutant,
                                     String codeFournisseur, String codeDeviseFacture, String typeFacture,
                                     String numeroBonCommande, BigDecimal montantHtTotal, BigDecimal montantTVA,
                                     BigDecimal montantAPayer) implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SoumettreFactureRequest(
            String modeDepot,
            String numeroFactureSaisi,
            String dateFacture,
            SoumettreDestinataire destinataire,
            SoumettreFournisseur fournisseur,
            CadreDeFacturation cadreDeFacturation,
            SoumettreReferences references,
            MontantTotal montantTotal,
            List<PieceJointePrincipale> pieceJointePrincipale,
            String commentaire) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SoumettreDestinataire(String codeDestinataire, String codeServiceExecutant) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SoumettreFournisseur(Long idFournisseur, Long idServiceFournisseur) {
    }

    public record CadreDeFacturation(String codeCadreFacturation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SoumettreReferences(String deviseFacture, String typeFacture, String typeTva,
                                      String numeroBonCommande, String numeroMarche, String modePaiement) {
    }

    public record PieceJointePrincipale(String pieceJointePrincipaleDesignation, Long pieceJointePrincipaleId) {
    }

    public record SoumettreFactureResponse(Integer codeRetour, String libelle, Long identifiantFactureCPP,
                                           String numeroFacture, String dateDepot, String statutFacture)
            implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompleterFactureRequest(Long identifiantFactureCPP, String commentaire,
                                          List<PieceJointeComplementaire> pieceJointeComplementaire) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PieceJointeComplementaire(String pieceJointeComplementaireDesignation,
                                            String pieceJointeComplementaireType, Long pieceJointeComplementaireId) {
    }

    public record CompleterFactureResponse(Integer codeRetour, String libelle, Long identifiantFactureCPP,
                                           String numeroFacture, String dateTraitement) implements ChorusResponse {
    }
}
