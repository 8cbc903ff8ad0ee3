package fr.facteur.chorus.api;

import fr.facteur.chorus.api.Transverses.AjouterFichierRequest;
import fr.facteur.chorus.api.Transverses.AjouterFichierResponse;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleRequest;
import fr.facteur.chorus.api.Transverses.ConsulterCrDetailleResponse;
import fr.facteur.chorus.api.Transverses.RecupererEtatsRequest;
import fr.facteur.chorus.api.Transverses.RecupererEtatsResponse;
import fr.facteur.chorus.api.Transverses.StructuresActivesResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /cpro/transverses/v1}. */
public interface TransversesApi {

    String BASE = "/cpro/transverses/v1";

    @PostMapping(BASE + "/recuperer/etats/traitement")
    RecupererEtatsResponse recupererEtatsTraitement(@RequestBody RecupererEtatsRequest request);

    /** Body {@code {}}. */
    @PostMapping(BASE + "/recuperer/structures/actives/destinataire")
    StructuresActivesResponse structuresActivesDestinataire(@RequestBody Map<String, Object> empty);

    /** Body {@code {}}. */
    @PostMapping(BASE + "/recuperer/structures/actives/fournisseur")
    StructuresActivesResponse structuresActivesFournisseur(@RequestBody Map<String, Object> empty);

    @PostMapping(BASE + "/consulterCRDetaille")
    ConsulterCrDetailleResponse consulterCrDetaille(@RequestBody ConsulterCrDetailleRequest request);

    @PostMapping(BASE + "/ajouter/fichier")
    AjouterFichierResponse ajouterFichier(@RequestBody AjouterFichierRequest request);
}
