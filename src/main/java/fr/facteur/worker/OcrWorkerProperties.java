package fr.facteur.worker;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facteur.worker.*}: a separate OCR worker (profile {@code ocr-worker}) and the Facteur it
 * works for, reached over HTTP only.
 *
 * @param url          Facteur's base URL: engine REST under {@code /engine-rest}, API under {@code /api}
 * @param username     default run: a technical account in group {@code workers} (HTTP Basic)
 * @param password     its password
 * @param tokenUri     with Keycloak: the realm's token endpoint; the worker then uses a bearer token of
 *                     its client (client credentials) instead of the account above
 * @param clientId     the worker's Keycloak client, whose service account is in group {@code workers}
 * @param clientSecret its secret
 * @param maxTasks     extraction tasks locked at once (one OCR thread each is a good start)
 * @param lockDuration how long a task stays locked to this worker; longer than the slowest document
 * @param retries      attempts before a failing task becomes an incident
 * @param retryDelay   wait before the next attempt
 */
@ConfigurationProperties("facteur.worker")
public record OcrWorkerProperties(
        @DefaultValue("http://localhost:8080") URI url,
        String username,
        String password,
        URI tokenUri,
        @DefaultValue("facteur-ocr-worker") String clientId,
        String clientSecret,
        @DefaultValue("2") int maxTasks,
        @DefaultValue("PT5M") Duration lockDuration,
        @DefaultValue("3") int retries,
        @DefaultValue("PT1M") Duration retryDelay) {

    @Override
    public String toString() {
        return "OcrWorker[" + (tokenUri == null ? username : clientId + " via " + tokenUri) + "@" + url + "]";
    }
}
