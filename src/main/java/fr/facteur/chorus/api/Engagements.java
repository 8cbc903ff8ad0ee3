package fr.facteur.chorus.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code /cpro/engagementsJuridiques/v1} (reference §5.5): whether a legal commitment (EJ) exists. */
public final class Engagements {

    private Engagements() {
    }

    /** The EJ {@code numero} of the recipient structure, in the state an invoice may refer to (COMMANDE). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RechercherEngagementRequest(String structureReceptriceEngagementJuridique,
                                              String numeroEngagementJuridique, String etatCourantEngagementJuridique) {

        public static RechercherEngagementRequest ordered(long idStructureCpp, String numero) {
            return new RechercherEngagementRequest(String.valueOf(idStructureCpp), numero, "COMMANDE");
        }
    }

    public record RechercherEngagementResponse(Integer codeRetour, String libelle,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<EngagementJuridique> listeEngagementJuridique) implements ChorusResponse {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EngagementJuridique(String numeroEngagementJuridique, String etatCourantEngagementJuridique,
                                      String structureReceptriceEngagementJuridique) {
    }
}
