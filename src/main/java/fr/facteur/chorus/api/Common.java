package fr.facteur.chorus.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** JSON shapes shared by several Chorus Pro services (field names exactly as the API spells them). */
public final class Common {

    private Common() {
    }

    /** Page request; the object carrying it is named differently per service. Pages start at 1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParamRecherche(Integer pageResultatDemandee, Integer nbResultatsParPage, String triSens,
                                 String triColonne) {

        public static ParamRecherche page(int page, int size) {
            return new ParamRecherche(page, size, null, null);
        }
    }

    /** Page answer of the services that wrap it in {@code parametresRetour}. */
    public record ParametresRetour(Integer pageCourante, Integer pages, Integer nbResultatsParPage, Integer total) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MontantTotal(BigDecimal montantHtTotal, BigDecimal montantTVA, BigDecimal montantTtcTotal,
                               BigDecimal montantAPayer) {
    }
}
