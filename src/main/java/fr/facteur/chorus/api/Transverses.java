package fr.facteur.chorus.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Requests and answers of the {@code /cpro/transverses/v1} services. */
public final class Transverses {

    private Transverses() {
    }

    public record RecupererEtatsRequest(String statutCourant) {
    }

    public record RecupererEtatsResponse(
            Integer codeRetour,
            String libelle,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<StatutPossible> listeStatutsPossiblesPourTraitement) implements ChorusResponse {
    }

    public record StatutPossible(String statutPossiblePourTraitement) {
    }

    /** Answer of recuperer/structures/actives/destinataire and /fournisseur (request body {@code {}}). */
    public record StructuresActivesResponse(
            Integer codeRetour,
            String libelle,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<StructureActive> listeStructures)
            implements ChorusResponse {
    }

    public record StructureActive(Long idStructureCPP, String identifiant, String designationStructure) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsulterCrDetailleRequest(String numeroFluxDepot, String syntaxeFlux) {
    }

    public record ConsulterCrDetailleResponse(
            Integer codeRetour,
            String libelle,
            String numeroFluxDepot,
            String nomFichier,
            String dateDepotFlux,
            String dateHeureEtatCourantFlux,
            String etatCourantDepotFlux,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<ErreurDp> listeErreurDP,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<ErreurTechnique> listeErreurTechnique)
            implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErreurDp(String numeroDP, String identifiantFournisseur, String identifiantDestinataire,
                           String libelleErreurDP) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErreurTechnique(String codeErreur, String libelleErreur, String natureErreur) {
    }

    public record AjouterFichierRequest(byte[] pieceJointeFichier, String pieceJointeNom, String pieceJointeTypeMime,
                                        String pieceJointeExtension) {
    }

    public record AjouterFichierResponse(Integer codeRetour, String libelle, Long pieceJointeId)
            implements ChorusResponse {
    }
}
