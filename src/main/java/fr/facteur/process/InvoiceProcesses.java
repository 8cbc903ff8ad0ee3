package fr.facteur.process;

import fr.facteur.invoice.Invoice;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

/**
 * What the engine knows of one invoice, read for the pages and the evidence pack, so that
 * {@code web/} never talks to the engine itself: the process instances the invoice went through
 * (found by its business key, or by its {@code invoiceId} for the processes started without one),
 * where each stands, its open tasks, and the full history of each instance.
 */
@Service
public class InvoiceProcesses {

    /** A value longer than this is cut in the process history (documents are never variables). */
    static final int MAX_VALUE = 4_000;

    private final HistoryService history;
    private final TaskService tasks;

    public InvoiceProcesses(HistoryService history, TaskService tasks) {
        this.history = history;
        this.tasks = tasks;
    }

    /** A process instance of the invoice and the named activities it is waiting in. */
    public record Run(String id, String definitionKey, String state, Date started, Date ended,
                      List<String> currentActivities) {

        public boolean running() {
            return ended == null;
        }
    }

    /** An open task of the invoice. */
    public record OpenTask(String id, String name, String assignee) {
    }

    /** The instances started with the invoice's business key, oldest first. */
    public List<Run> runs(Invoice invoice) {
        List<Run> runs = new ArrayList<>();
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(invoice.externalKey()).orderByProcessInstanceStartTime().asc().list()) {
            List<String> current = instance.getEndTime() != null ? List.of() : history
                    .createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).unfinished().list()
                    .stream().map(HistoricActivityInstance::getActivityName).filter(name -> name != null)
                    .distinct().toList();
            runs.add(new Run(instance.getId(), instance.getProcessDefinitionKey(), instance.getState(),
                    instance.getStartTime(), instance.getEndTime(), current));
        }
        return runs;
    }

    /** The invoice's open tasks, oldest first. */
    public List<OpenTask> openTasks(Invoice invoice) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoice.externalKey())
                .orderByTaskCreateTime().asc().list().stream()
                .map(task -> new OpenTask(task.getId(), task.getName(), task.getAssignee())).toList();
    }

    /**
     * Every instance of the invoice with its activities, tasks, variable updates, user operations and
     * incidents, as plain maps ready to be written as JSON into the evidence pack.
     */
    public List<Map<String, Object>> fullHistory(Invoice invoice) {
        Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(invoice.externalKey())
                .orderByProcessInstanceStartTime().asc().list()
                .forEach(instance -> instances.put(instance.getId(), instance));
        history.createHistoricProcessInstanceQuery()
                .variableValueEquals(ProcessVariables.INVOICE_ID, invoice.id())
                .orderByProcessInstanceStartTime().asc().list()
                .forEach(instance -> instances.putIfAbsent(instance.getId(), instance));
        List<Map<String, Object>> result = new ArrayList<>();
        for (HistoricProcessInstance instance : instances.values()) {
            String id = instance.getId();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("processInstanceId", id);
            entry.put("processDefinitionKey", instance.getProcessDefinitionKey());
            entry.put("processDefinitionId", instance.getProcessDefinitionId());
            entry.put("businessKey", instance.getBusinessKey());
            entry.put("state", instance.getState());
            entry.put("startTime", instance.getStartTime());
            entry.put("endTime", instance.getEndTime());
            entry.put("startUserId", instance.getStartUserId());
            entry.put("activities", history.createHistoricActivityInstanceQuery().processInstanceId(id)
                    .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()
                    .stream().map(InvoiceProcesses::activity).toList());
            entry.put("tasks", history.createHistoricTaskInstanceQuery().processInstanceId(id)
                    .orderByHistoricActivityInstanceStartTime().asc().list()
                    .stream().map(InvoiceProcesses::task).toList());
            entry.put("variableUpdates", history.createHistoricDetailQuery().processInstanceId(id).variableUpdates()
                    .orderPartiallyByOccurrence().asc().list()
                    .stream().map(InvoiceProcesses::variableUpdate).toList());
            entry.put("userOperations", history.createUserOperationLogQuery().processInstanceId(id)
                    .orderByTimestamp().asc().list()
                    .stream().map(InvoiceProcesses::operation).toList());
            entry.put("incidents", history.createHistoricIncidentQuery().processInstanceId(id).list()
                    .stream().map(InvoiceProcesses::incident).toList());
            result.add(entry);
        }
        return result;
    }

    private static Map<String, Object> activity(HistoricActivityInstance activity) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("activityId", activity.getActivityId());
        entry.put("activityName", activity.getActivityName());
        entry.put("activityType", activity.getActivityType());
        entry.put("startTime", activity.getStartTime());
        entry.put("endTime", activity.getEndTime());
        entry.put("assignee", activity.getAssignee());
        entry.put("canceled", activity.isCanceled());
        return entry;
    }

    private static Map<String, Object> task(HistoricTaskInstance task) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("taskDefinitionKey", task.getTaskDefinitionKey());
        entry.put("name", task.getName());
        entry.put("assignee", task.getAssignee());
        entry.put("startTime", task.getStartTime());
        entry.put("endTime", task.getEndTime());
        entry.put("deleteReason", task.getDeleteReason());
        return entry;
    }

    private static Map<String, Object> variableUpdate(HistoricDetail detail) {
        HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", update.getTime());
        entry.put("name", update.getVariableName());
        entry.put("type", update.getTypeName());
        entry.put("value", shortened(update.getValue()));
        entry.put("revision", update.getRevision());
        entry.put("activityInstanceId", update.getActivityInstanceId());
        entry.put("userOperationId", update.getUserOperationId());
        return entry;
    }

    private static Map<String, Object> operation(UserOperationLogEntry operation) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("timestamp", operation.getTimestamp());
        entry.put("userId", operation.getUserId());
        entry.put("operationType", operation.getOperationType());
        entry.put("entityType", operation.getEntityType());
        entry.put("property", operation.getProperty());
        entry.put("orgValue", shortened(operation.getOrgValue()));
        entry.put("newValue", shortened(operation.getNewValue()));
        entry.put("taskId", operation.getTaskId());
        return entry;
    }

    private static Map<String, Object> incident(HistoricIncident incident) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("createTime", incident.getCreateTime());
        entry.put("endTime", incident.getEndTime());
        entry.put("activityId", incident.getActivityId());
        entry.put("incidentType", incident.getIncidentType());
        entry.put("message", incident.getIncidentMessage());
        entry.put("resolved", incident.isResolved());
        return entry;
    }

    static Object shortened(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Date) {
            return value;
        }
        String text = value.toString();
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text;
    }
}
