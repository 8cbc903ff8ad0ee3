package fr.facteur.security;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.workflow.ProcessVariables;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OCR workers' account ({@code workers}) reaches only what reading an invoice needs: fetch,
 * lock, complete, fail and extend the external tasks of topic {@value #TOPIC} (engine REST), and,
 * for an invoice one of those tasks is locked on, its JSON, its documents and its extraction
 * ({@code PUT /api/invoices/{id}/extraction}). Anything else — other instances, other invoices,
 * the evidence pack, variables, deployments — answers 403. Camunda's authorizations give them
 * nothing more than the instances of the two circuits (see {@link AuthorizationSetup}).
 */
final class WorkerScope extends OncePerRequestFilter {

    static final String TOPIC = "invoice-extraction";

    private static final Pattern EXTERNAL_TASK = Pattern.compile(
            "/engine-rest/external-task/(fetchAndLock|[^/]+/(complete|failure|extendLock|unlock))");
    private static final Pattern INVOICE = Pattern.compile("/api/invoices/(\\d+)(/extraction)?");
    private static final Pattern DOCUMENT = Pattern.compile("/api/documents/(\\d+)");

    private final RuntimeService runtimeService;
    private final ExternalTaskService externalTasks;
    private final InvoiceService invoices;

    WorkerScope(RuntimeService runtimeService, ExternalTaskService externalTasks, InvoiceService invoices) {
        this.runtimeService = runtimeService;
        this.externalTasks = externalTasks;
        this.invoices = invoices;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!workerOnly(SecurityContextHolder.getContext().getAuthentication()) || allowed(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"Accès refusé\",\"detail\":\"Un lecteur OCR n'accède qu'aux tâches "
                + "de lecture et aux factures qu'il est en train de lire.\"}");
    }

    static boolean workerOnly(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        return authorities.contains(AccessRules.group(Groups.WORKERS))
                && authorities.stream().noneMatch(a -> a.startsWith("GROUP_") && !a.equals(AccessRules.group(Groups.WORKERS)));
    }

    private boolean allowed(HttpServletRequest request) {
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
