package fr.facteur.chorus.emulator;

import fr.facteur.chorus.ChorusEndpoints;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The emulated PISTE OAuth2 token endpoint (client credentials only). */
@RestController
@ConditionalOnEmulator
class EmulatorTokenController {

    private final EmulatorTokens tokens;

    EmulatorTokenController(EmulatorTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = ChorusEndpoints.EMULATOR_TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "client_id", required = false) String clientId,
                                              @RequestParam(name = "client_secret", required = false) String secret) {
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type",
                    "error_description", "grant_type must be client_credentials"));
        }
        if (!tokens.clientMatches(clientId, secret)) {
            return ResponseEntity.status(401).body(Map.of("error", "invalid_client",
                    "error_description", "Client authentication failed"));
        }
        return ResponseEntity.ok(Map.of("access_token", tokens.issue(), "token_type", "Bearer",
                "expires_in", tokens.ttlSeconds(), "scope", "openid"));
    }
}
