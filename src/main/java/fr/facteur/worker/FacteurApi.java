package fr.facteur.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few calls of Facteur's API a remote worker needs, with the worker's credentials. */
class FacteurApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json;
    private final URI base;
    private final WorkerCredentials credentials;

    FacteurApi(OcrWorkerProperties properties, ObjectMapper json, WorkerCredentials credentials) {
        this.json = json;
        this.base = properties.url();
        this.credentials = credentials;
    }

    /** The id of the invoice's main document. */
    long mainDocumentId(long invoiceId) throws IOException, InterruptedException {
        JsonNode invoice = json.readTree(send(get("/api/invoices/" + invoiceId), HttpResponse.BodyHandlers.ofString()));
        for (JsonNode document : invoice.path("documents")) {
            if ("MAIN".equals(document.path("role").asText())) {
                return document.path("id").asLong();
            }
        }
        throw new IllegalStateException("Invoice " + invoiceId + " has no main document");
    }

    byte[] document(long documentId) throws IOException, InterruptedException {
        return send(get("/api/documents/" + documentId), HttpResponse.BodyHandlers.ofByteArray());
    }

    void saveExtraction(long invoiceId, Object upload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/invoices/" + invoiceId + "/extraction"))
                .header("Authorization", credentials.authorization())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(upload)))
                .build();
        send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", credentials.authorization())
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
    }

    private <T> T send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        HttpResponse<T> response = http.send(request, handler);
        if (response.statusCode() / 100 != 2) {
            Object body = response.body();
            String detail = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + detail);
        }
        return response.body();
    }
}
