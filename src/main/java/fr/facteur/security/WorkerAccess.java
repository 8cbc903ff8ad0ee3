package fr.facteur.security;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.process.ProcessVariables;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * What an OCR worker's request may reach (see {@link WorkerScope}): the external-task calls, and
 * the invoice, documents and extraction of an invoice whose extraction task is locked.
 */
@Component
class WorkerAccess {

    static final String TOPIC = "invoice-extraction";

    private static final Pattern EXTERNAL_TASK = Pattern.compile(
            "/engine-rest/external-task/(fetchAndLock|[^/]+/(complete|failure|extendLock|unlock))");
    private static final Pattern INVOICE = Pattern.compile("/api/invoices/(\\d+)(/extraction)?");
    private static final Pattern DOCUMENT = Pattern.compile("/api/documents/(\\d+)");

    private final RuntimeService runtimeService;
    private final ExternalTaskService externalTasks;
    private final InvoiceService invoices;

    WorkerAccess(RuntimeService runtimeService, ExternalTaskService externalTasks, InvoiceService invoices) {
        this.runtimeService = runtimeService;
        this.externalTasks = externalTasks;
        this.invoices = invoices;
    }

    boolean allows(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
            return true;
        }
        if ("POST".equals(method) && EXTERNAL_TASK.matcher(path).matches()) {
            return true;
        }
        Matcher invoice = INVOICE.matcher(path);
        if (invoice.matches()) {
            boolean extraction = invoice.group(2) != null;
            return (extraction ? "PUT".equals(method) : "GET".equals(method))
                    && beingRead(Long.parseLong(invoice.group(1)));
        }
        Matcher document = DOCUMENT.matcher(path);
        if (document.matches() && "GET".equals(method)) {
            return invoices.invoicesOfDocument(Long.parseLong(document.group(1))).stream().anyMatch(this::beingRead);
        }
        return false;
    }

    /** Whether a worker holds the lock of the extraction task of this invoice's process. */
    private boolean beingRead(long invoiceId) {
        List<String> instances = runtimeService.createProcessInstanceQuery()
                .variableValueEquals(ProcessVariables.INVOICE_ID, invoiceId).list().stream()
                .map(ProcessInstance::getId).toList();
        return !instances.isEmpty() && externalTasks.createExternalTaskQuery().topicName(TOPIC).locked()
                .processInstanceIdIn(instances.toArray(String[]::new)).count() > 0;
    }
}
