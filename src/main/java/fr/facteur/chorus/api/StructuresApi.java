package fr.facteur.chorus.api;

import fr.facteur.chorus.api.Structures.ConsulterStructureRequest;
import fr.facteur.chorus.api.Structures.ConsulterStructureResponse;
import fr.facteur.chorus.api.Structures.RechercherServicesRequest;
import fr.facteur.chorus.api.Structures.RechercherServicesResponse;
import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.chorus.api.Structures.RechercherStructureResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /cpro/structures/v1}. */
public interface StructuresApi {

    String BASE = "/cpro/structures/v1";

    @PostMapping(BASE + "/rechercher")
    RechercherStructureResponse rechercher(@RequestBody RechercherStructureRequest request);

    @PostMapping(BASE + "/consulter")
    ConsulterStructureResponse consulter(@RequestBody ConsulterStructureRequest request);

    @PostMapping(BASE + "/rechercher/services")
    RechercherServicesResponse rechercherServices(@RequestBody RechercherServicesRequest request);
}
