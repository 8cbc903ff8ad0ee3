package fr.facteur.chorus.emulator;

import static fr.facteur.chorus.emulator.EmulatorAnswers.SUCCESS_LABEL;

import fr.facteur.chorus.ChorusProperties;
import fr.facteur.chorus.api.Common.ParamRecherche;
import fr.facteur.chorus.api.Common.ParametresRetour;
import fr.facteur.chorus.api.Structures.ConsulterStructureRequest;
import fr.facteur.chorus.api.Structures.ConsulterStructureResponse;
import fr.facteur.chorus.api.Structures.InformationGenerales;
import fr.facteur.chorus.api.Structures.ParametresStructure;
import fr.facteur.chorus.api.Structures.RechercherServicesRequest;
import fr.facteur.chorus.api.Structures.RechercherServicesResponse;
import fr.facteur.chorus.api.Structures.RechercherStructureRequest;
import fr.facteur.chorus.api.Structures.RechercherStructureResponse;
import fr.facteur.chorus.api.Structures.ServiceStructure;
import fr.facteur.chorus.api.Structures.StructureTrouvee;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The structures directory: SIRET to {@code idStructureCPP}, a recipient's requirements, its services. */
@RestController
@ConditionalOnEmulator
@RequestMapping("/emulator/cpro/structures/v1")
class EmulatorStructuresController {

    private final EmulatorStore store;
    private final ChorusProperties properties;
    private final EmulatorTechnicalAccount account;

    EmulatorStructuresController(EmulatorStore store, ChorusProperties properties, EmulatorTechnicalAccount account) {
        this.store = store;
        this.properties = properties;
        this.account = account;
    }

    @PostMapping("/rechercher")
    ResponseEntity<Object> rechercher(@RequestBody RechercherStructureRequest request) {
        String identifiant = request.structure() == null ? null : request.structure().identifiantStructure();
        List<StructureTrouvee> all = store.structures("TRUE").stream()
                .filter(s -> identifiant == null || s.identifiant().equals(identifiant))
                .filter(s -> s.publique() || Boolean.FALSE.equals(request.restreindreStructuresPrivees())
                        || s.compteFournisseur() || s.compteDestinataire())
                .map(s -> new StructureTrouvee(s.id(), s.identifiant(), s.typeIdentifiant(), s.designation(),
                        s.active() ? "ACTIVE" : "INACTIVE"))
                .toList();
        if (all.isEmpty()) {
            return ResponseEntity.ok(new RechercherStructureResponse(EmulatorRules.EMPTY_SEARCH,
                    "La recherche n'a retourné aucun résultat", List.of(), null));
        }
        Window window = window(request.parametres(), all.size());
        return ResponseEntity.ok(new RechercherStructureResponse(EmulatorRules.OK, SUCCESS_LABEL,
                all.subList(window.from(), window.to()), window.retour()));
    }

    @PostMapping("/consulter")
    ResponseEntity<Object> consulter(@RequestBody ConsulterStructureRequest request) {
        return (request.idStructureCPP() == null ? Optional.<EmulatorStore.Structure>empty()
                : store.structure(request.idStructureCPP()))
                .<ResponseEntity<Object>>map(s -> ResponseEntity.ok(new ConsulterStructureResponse(EmulatorRules.OK,
                        SUCCESS_LABEL,
                        new InformationGenerales(s.id(), s.identifiant(), s.typeIdentifiant(), s.designation(),
                                s.designation(), s.publique() ? "PUBLIQUE" : "PRIVEE", null,
                                account.passwordExpiresOn().toString()),
                        new ParametresStructure(s.serviceObligatoire(), s.ejObligatoire(), s.ejOuService(), false))))
                .orElseGet(() -> EmulatorAnswers.refuse(EmulatorRules.UNKNOWN_INVOICE, "Structure inconnue"));
    }

    @PostMapping("/rechercher/services")
    ResponseEntity<Object> services(@RequestBody RechercherServicesRequest request) {
        List<ServiceStructure> all = request.idStructure() == null ? List.of()
                : store.services(request.idStructure()).stream()
                        .map(s -> new ServiceStructure(s.id(), s.code(), s.libelle(), s.dateDebut().toString(), null,
                                s.actif()))
                        .toList();
        if (all.isEmpty()) {
            return ResponseEntity.ok(new RechercherServicesResponse(EmulatorRules.EMPTY_SEARCH,
                    "La recherche n'a retourné aucun résultat", List.of(), null));
        }
        Window window = window(request.parametresRechercherServicesStructure(), all.size());
        return ResponseEntity.ok(new RechercherServicesResponse(EmulatorRules.OK, SUCCESS_LABEL,
                all.subList(window.from(), window.to()), window.retour()));
    }

    private record Window(int from, int to, ParametresRetour retour) {
    }

    /** The page asked for, with the emulator's own page size limit. */
    private Window window(ParamRecherche param, int total) {
        EmulatorAnswers.PageRequest page = EmulatorAnswers.PageRequest.of(param, properties.emulator().maxPageSize());
        int from = Math.min(total, page.offset());
        return new Window(from, Math.min(total, from + page.size()),
                new ParametresRetour(page.page(), page.pages(total), page.size(), total));
    }
}
