package fr.facteur.chorus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where the client sends its calls: the configured PISTE gateway, or, when none is configured and
 * the emulator is on, the emulator served by this very application (its port is known only once
 * the web server has started, so the URLs are resolved at call time).
 */
@Component
public class ChorusEndpoints {

    /** Path under which the emulator serves the API and its token endpoint. */
    public static final String EMULATOR_PATH = "/emulator";
    public static final String EMULATOR_TOKEN_PATH = EMULATOR_PATH + "/api/oauth/token";

    private static final Logger log = LoggerFactory.getLogger(ChorusEndpoints.class);

    private final ChorusProperties properties;
    private volatile int localPort = -1;

    public ChorusEndpoints(ChorusProperties properties) {
        this.properties = properties;
        if (!properties.emulator().enabled() && (isBlank(properties.apiUrl()) || isBlank(properties.tokenUrl()))) {
            throw new IllegalStateException("facteur.chorus.api-url and facteur.chorus.token-url are required "
                    + "when the Chorus Pro emulator is off (facteur.chorus.emulator.enabled=false)");
        }
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            localPort = event.getWebServer().getPort();
            if (usesEmulator()) {
                log.info("Chorus Pro client points at the embedded emulator: {}", apiUrl());
            }
        }
    }

    public boolean usesEmulator() {
        return isBlank(properties.apiUrl());
    }

    /** The gateway base, without a trailing slash. */
    public String apiUrl() {
        return isBlank(properties.apiUrl()) ? emulatorBase() + EMULATOR_PATH : stripSlash(properties.apiUrl());
    }

    public String tokenUrl() {
        return isBlank(properties.tokenUrl()) ? emulatorBase() + EMULATOR_TOKEN_PATH : properties.tokenUrl();
    }

    private String emulatorBase() {
        if (localPort < 0) {
            throw new ChorusTechnicalException("The Chorus Pro emulator is not serving yet (web server not started)",
                    null, null, null);
        }
        return "http://localhost:" + localPort;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
