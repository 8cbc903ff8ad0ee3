package fr.facteur.support;


import fr.facteur.invoice.InvoiceService;
import java.time.Duration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/** Waiting for a user task of an invoice's process, as the integration tests do (one minute at most). */
public final class Tasks {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Tasks() {
    }

    /** The task {@code taskKey} of the process whose business key is {@code businessKey}, once it exists. */
    public static Task await(TaskService tasks, String businessKey, String taskKey) {
        return org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).singleResult(), task -> task != null);
    }

    /** The task {@code taskKey} of the invoice's process, once it exists. */
    public static Task awaitOf(TaskService tasks, InvoiceService invoices, long invoiceId, String taskKey) {
        return await(tasks, invoices.get(invoiceId).externalKey(), taskKey);
    }
}
