package fr.facteur.chorus.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import fr.facteur.chorus.api.Common.ParamRecherche;
import fr.facteur.chorus.api.Common.ParametresRetour;
import java.util.List;

/** Requests and answers of the {@code /cpro/structures/v1} services. */
public final class Structures {

    private Structures() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RechercherStructureRequest(StructureCritere structure, Boolean restreindreStructuresPrivees,
                                             ParamRecherche parametres) {

        public static RechercherStructureRequest bySiret(String siret) {
            return new RechercherStructureRequest(new StructureCritere(siret, "SIRET"), false,
                    ParamRecherche.page(1, 100));
        }

        public RechercherStructureRequest withPage(ParamRecherche page) {
            return new RechercherStructureRequest(structure, restreindreStructuresPrivees, page);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StructureCritere(String identifiantStructure, String typeIdentifiantStructure) {
    }

    public record RechercherStructureResponse(
            Integer codeRetour,
            String libelle,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<StructureTrouvee> listeStructures,
            ParametresRetour parametresRetour) implements ChorusResponse {
    }

    /** {@code identifiantStructure} is read as text even where a sample sends a number. */
    public record StructureTrouvee(Long idStructureCPP, String identifiantStructure, String typeIdentifiantStructure,
                                   String designationStructure, String statut) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsulterStructureRequest(Long idStructureCPP, String codeLangue) {
    }

    public record ConsulterStructureResponse(Integer codeRetour, String libelle,
                                             InformationGenerales informationGenerales, ParametresStructure parametres)
            implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InformationGenerales(Long idStructureCPP, String identifiantStructure,
                                       String typeIdentifiantStructure, String raisonSocialeStructure,
                                       String libelleStructure, String structurePriveePublique, String numeroTVA,
                                       String dateExpirationMotPasseCompteTech) {
    }

    /** What the recipient requires on the invoices it receives. */
    public record ParametresStructure(Boolean codeServiceDoitEtreRenseigne, Boolean numeroEJDoitEtreRenseigne,
                                      Boolean gestionNumeroEJOuCodeService,
                                      Boolean statutMiseEnPaiementNestPasRemonte) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RechercherServicesRequest(Long idStructure, ParamRecherche parametresRechercherServicesStructure) {

        public RechercherServicesRequest withPage(ParamRecherche page) {
            return new RechercherServicesRequest(idStructure, page);
        }
    }

    public record RechercherServicesResponse(
            Integer codeRetour,
            String libelle,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<ServiceStructure> listeServices,
            ParametresRetour parametresRetour) implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceStructure(Long idService, String codeService, String libelleService, String dateDbtService,
                                   String dateFinService, Boolean estActif) {
    }
}
