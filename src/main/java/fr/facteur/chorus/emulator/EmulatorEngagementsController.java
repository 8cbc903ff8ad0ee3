package fr.facteur.chorus.emulator;

import static fr.facteur.chorus.emulator.EmulatorAnswers.SUCCESS_LABEL;

import fr.facteur.chorus.api.Engagements.EngagementJuridique;
import fr.facteur.chorus.api.Engagements.RechercherEngagementRequest;
import fr.facteur.chorus.api.Engagements.RechercherEngagementResponse;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The legal commitments (EJ) of the emulated public structures (reference §5.5). */
@RestController
@ConditionalOnEmulator
@RequestMapping("/emulator/cpro/engagementsJuridiques/v1")
class EmulatorEngagementsController {

    private final EmulatorStore store;

    EmulatorEngagementsController(EmulatorStore store) {
        this.store = store;
    }

    @PostMapping("/rechercher")
    ResponseEntity<Object> rechercher(@RequestBody RechercherEngagementRequest request) {
        long structure;
        try {
            structure = Long.parseLong(String.valueOf(request.structureReceptriceEngagementJuridique()));
        } catch (NumberFormatException e) {
            return EmulatorAnswers.refuse(EmulatorRules.INVALID_REQUEST, "structureReceptriceEngagementJuridique attendu");
        }
        List<EngagementJuridique> found = request.numeroEngagementJuridique() == null ? List.of()
                : store.engagements(structure, request.numeroEngagementJuridique(), request.etatCourantEngagementJuridique())
                        .stream().map(numero -> new EngagementJuridique(numero, "COMMANDE", String.valueOf(structure)))
                        .toList();
        if (found.isEmpty()) {
            return ResponseEntity.ok(new RechercherEngagementResponse(EmulatorRules.EMPTY_SEARCH,
                    "La recherche n'a retourné aucun résultat", List.of()));
        }
        return ResponseEntity.ok(new RechercherEngagementResponse(EmulatorRules.OK, SUCCESS_LABEL, found));
    }
}
