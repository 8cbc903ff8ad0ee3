package fr.facteur.web;

import fr.facteur.capture.ChorusReleveService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Chorus Pro")
public class ChorusReleveController {

    private final RuntimeService runtimeService;

    public ChorusReleveController(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Operation(summary = "Lancer une relève Chorus Pro",
            description = "Démarre le processus ChorusReleve (message ChorusReleveRequested) sans attendre le timer ; la relève se déroule en arrière-plan.")
    @PostMapping("/api/chorus/releve")
    public ResponseEntity<Map<String, String>> start() {
        ProcessInstance instance = runtimeService.startProcessInstanceByMessage(ChorusReleveService.RELEVE_REQUESTED_MESSAGE);
        return ResponseEntity.accepted()
                .location(URI.create("/engine-rest/history/process-instance/" + instance.getId()))
                .body(Map.of("processInstanceId", instance.getId()));
    }
}
