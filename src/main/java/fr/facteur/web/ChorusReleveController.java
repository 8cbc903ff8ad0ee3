package fr.facteur.web;

import fr.facteur.capture.ChorusReleveService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Chorus Pro")
public class ChorusReleveController {

    private final ChorusReleveService releve;

    public ChorusReleveController(ChorusReleveService releve) {
        this.releve = releve;
    }

    @Operation(summary = "Lancer une relève Chorus Pro",
            description = "Démarre le processus ChorusReleve (message ChorusReleveRequested) sans attendre le timer ; la relève se déroule en arrière-plan.")
    @PostMapping("/api/chorus/releve")
    public ResponseEntity<Map<String, String>> start() {
        String instanceId = releve.requestReleve();
        return ResponseEntity.accepted()
                .location(URI.create("/engine-rest/history/process-instance/" + instanceId))
                .body(Map.of("processInstanceId", instanceId));
    }
}
