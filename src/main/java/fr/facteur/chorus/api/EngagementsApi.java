package fr.facteur.chorus.api;

import fr.facteur.chorus.api.Engagements.RechercherEngagementRequest;
import fr.facteur.chorus.api.Engagements.RechercherEngagementResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /cpro/engagementsJuridiques/v1} (the PISTE subscription "Engagements"). */
public interface EngagementsApi {

    String BASE = "/cpro/engagementsJuridiques/v1";

    @PostMapping(BASE + "/rechercher")
    RechercherEngagementResponse rechercher(@RequestBody RechercherEngagementRequest request);
}
