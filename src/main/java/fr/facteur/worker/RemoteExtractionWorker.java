package fr.facteur.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.ExtractionProperties;
import fr.facteur.extraction.ExtractionService;
import fr.facteur.extraction.UnreadableDocumentException;
import fr.facteur.process.ExtractionContract;
import fr.facteur.process.ExtractionFlags;
import fr.facteur.process.ProcessVariables;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker of topic {@code invoice-extraction} in its own process: it locks tasks over the engine
 * REST API, downloads the document from Facteur's API, reads it here (the CPU-heavy part), sends
 * the result back to {@code PUT /api/invoices/{id}/extraction} and completes the task with the
 * same flags as the worker inside the application.
 */
class RemoteExtractionWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemoteExtractionWorker.class);

    private final OcrWorkerProperties properties;
    private final ExtractionService extraction;
    private final ExtractionProperties extractionProperties;
    private final WorkerCredentials credentials;
    private final FacteurApi api;
    private final String workerId;
    private ExternalTaskClient client;

    RemoteExtractionWorker(OcrWorkerProperties properties, ExtractionService extraction,
                           ExtractionProperties extractionProperties, ObjectMapper json) {
        this.properties = properties;
        this.extraction = extraction;
        this.extractionProperties = extractionProperties;
        this.credentials = new WorkerCredentials(properties, json);
        this.api = new FacteurApi(properties, json, credentials);
        this.workerId = "facteur-ocr-worker-" + host() + "-" + ProcessHandle.current().pid();
    }

    /** Reads one invoice's document and stores the result; the flags to complete the task with. */
    Map<String, Object> handle(long invoiceId) throws Exception {
        long documentId = api.mainDocumentId(invoiceId);
        byte[] content = api.document(documentId);
        try {
            Extraction read = extraction.extract(content);
            Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
            for (Map.Entry<String, ExtractedField> field : read.fields().entrySet()) {
                fields.put(field.getKey(), Map.of("value", field.getValue().value(),
                        "confidence", field.getValue().confidence(), "source", field.getValue().source().name()));
            }
            Map<String, Object> upload = new LinkedHashMap<>();
            upload.put("source", read.source().name());
            upload.put("pages", read.pages());
            upload.put("fields", fields);
            upload.put("warnings", read.warnings());
            upload.put("text", read.text());
            upload.put("documentId", documentId);
            api.saveExtraction(invoiceId, upload);
            return ExtractionFlags.read(read, extractionProperties.minConfidence());
        } catch (UnreadableDocumentException e) {
            return ExtractionFlags.unreadable(e);
        }
    }

    private void run(ExternalTask task, ExternalTaskService service) {
        long started = System.nanoTime();
        try {
            Object id = task.getVariable(ProcessVariables.INVOICE_ID);
            long invoiceId = ((Number) id).longValue();
            service.complete(task, handle(invoiceId));
            log.info("Extraction task {} (invoice {}) done in {} ms", task.getId(), invoiceId,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            int left = ExtractionFlags.retriesLeft(task.getRetries(), properties.retries());
            log.error("Extraction task {} failed ({} retries left): {}", task.getId(), left, e.getMessage());
            service.handleFailure(task, String.valueOf(e.getMessage()), ExtractionFlags.details(e), left,
                    properties.retryDelay().toMillis());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void start() {
        client = ExternalTaskClient.create()
                .baseUrl(properties.url().resolve("/engine-rest").toString())
                .workerId(workerId)
                .maxTasks(properties.maxTasks())
                .asyncResponseTimeout(20_000)
                .addInterceptor(request -> request.addHeader("Authorization", credentials.authorization()))
                .build();
        client.subscribe(ExtractionContract.TOPIC)
                .lockDuration(properties.lockDuration().toMillis())
                .variables(ProcessVariables.INVOICE_ID)
                .handler(this::run)
                .open();
        log.info("OCR worker {} serving topic {} for {}", workerId, ExtractionContract.TOPIC, properties);
    }

    @Override
    public void stop() {
        if (client != null) {
            client.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return client != null && client.isActive();
    }

    String workerId() {
        return workerId;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "inconnu";
        }
    }
}
