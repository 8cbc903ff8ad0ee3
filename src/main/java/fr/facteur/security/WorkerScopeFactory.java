package fr.facteur.security;

import fr.facteur.invoice.InvoiceService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Makes the {@link WorkerScope} filter of a security chain. The filter is no bean on purpose: as a
 * bean, Spring Boot would also run it as a servlet filter before the login is known.
 */
@Component
class WorkerScopeFactory {

    private final RuntimeService runtimeService;
    private final ExternalTaskService externalTasks;
    private final InvoiceService invoices;

    WorkerScopeFactory(RuntimeService runtimeService, ExternalTaskService externalTasks, InvoiceService invoices) {
        this.runtimeService = runtimeService;
        this.externalTasks = externalTasks;
        this.invoices = invoices;
    }

    WorkerScope create() {
        return new WorkerScope(runtimeService, externalTasks, invoices);
    }
}
