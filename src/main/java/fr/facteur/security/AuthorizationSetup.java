package fr.facteur.security;

import fr.facteur.process.EmissionContract;
import fr.facteur.process.ReceptionContract;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.Decision;
import fr.facteur.config.ClusterLock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Grants each group what its role needs, once (idempotent at every start), and creates the shared
 * Tasklist filters. Task access itself comes from the tasks' candidate groups: the engine grants
 * READ/UPDATE on a task to its candidate group.
 */
@Component
public class AuthorizationSetup implements SmartInitializingSingleton {

    private static final String ANY = Authorization.ANY;

    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final ClusterLock cluster;

    public AuthorizationSetup(AuthorizationService authorizations, FilterService filters, TaskService tasks,
                              ClusterLock cluster) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.cluster = cluster;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // two nodes starting together: one grants and creates the filters, the other then finds them
        cluster.inTransactionAlone("seed:authorizations", () -> {
            grantAndCreateFilters();
            return null;
        });
    }

    private void grantAndCreateFilters() {
        for (Resources resource : Resources.values()) {
            grant(Groups.ADMIN, resource, ANY, Permissions.ALL);
        }
        for (String group : List.of(Groups.VALIDATORS, Groups.ACCOUNTANTS, Groups.MANAGERS)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
        // filters are shown to the groups they serve (an earlier version showed every filter to everyone)
        for (String group : List.of(Groups.VALIDATORS, Groups.ACCOUNTANTS, Groups.ANALYSTS, Groups.MANAGERS)) {
            authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER).resourceId(ANY)
                    .list().forEach(old -> authorizations.deleteAuthorization(old.getId()));
        }
        // Analysts read and deploy process and decision models, and watch them in Cockpit.
        grant(Groups.ANALYSTS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.ANALYSTS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
        grant(Groups.ANALYSTS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, ProcessDefinitionPermissions.READ_HISTORY);
        grant(Groups.ANALYSTS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(Groups.ANALYSTS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        // Managers see everything, change nothing.
        grant(Groups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK);
        grant(Groups.MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(Groups.MANAGERS, Resources.TASK, ANY, Permissions.READ);
        grant(Groups.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(Groups.MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);

        // OCR workers fetch, lock and complete the extraction tasks of both circuits over engine REST.
        for (String process : List.of(ReceptionContract.KEY, EmissionContract.KEY)) {
            grant(Groups.WORKERS, Resources.PROCESS_DEFINITION, process, Permissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE);
        }
        // nothing on instances as such (an earlier version granted READ/UPDATE on every instance)
        authorizations.createAuthorizationQuery().groupIdIn(Groups.WORKERS).resourceType(Resources.PROCESS_INSTANCE)
                .list().forEach(old -> authorizations.deleteAuthorization(old.getId()));

        List<String> everyone = List.of(Groups.VALIDATORS, Groups.ACCOUNTANTS, Groups.ANALYSTS, Groups.MANAGERS);
        createFilter("Mes tâches", 1, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), everyone);
        createFilter("Tâches de mes groupes", 2, mine().orderByDueDate().asc(), everyone);
        createFilter("Toutes les tâches", 3, tasks.createTaskQuery(), everyone);
        // the work of each group, the most urgent first (a task is due on the last day of its délai global de paiement)
        List<String> validating = List.of(Groups.VALIDATORS, Groups.MANAGERS);
        createFilter("À valider — par échéance", 4,
                mine().taskDefinitionKey(ReceptionContract.TASK_VALIDATE).orderByDueDate().asc(), validating);
        createFilter("Mes litiges", 5, mine().taskDefinitionKey(ReceptionContract.TASK_VALIDATE)
                .processVariableValueEquals(ProcessVariables.DECISION, Decision.DISPUTE.name())
                .orderByDueDate().asc(), validating);
        createFilter("À mandater", 6,
                mine().taskDefinitionKey(ReceptionContract.TASK_MANDATE).orderByDueDate().asc(),
                List.of(Groups.ACCOUNTANTS));
        createFilter("À payer", 7,
                mine().taskDefinitionKey(ReceptionContract.TASK_PAYMENT).orderByDueDate().asc(),
                List.of(Groups.ACCOUNTANTS));
        createFilter("Échéances proches", 8,
                mine().taskDefinitionKey(ReceptionContract.TASK_FOLLOW_DEADLINE).orderByDueDate().asc(),
                List.of(Groups.MANAGERS));
    }

    /** The tasks offered to the groups of whoever looks, assigned ones included. */
    private TaskQuery mine() {
        return tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void createFilter(String name, int priority, TaskQuery query, List<String> shownTo) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
            filter.setQuery(query);
            filter.setProperties(Map.of(
                    "priority", priority,
                    "refresh", true,
                    "variables", List.of(
                            Map.of("name", "invoiceNumber", "label", "N° de facture"),
                            Map.of("name", "supplierName", "label", "Fournisseur"),
                            Map.of("name", "totalTtc", "label", "Total TTC"))));
            filters.saveFilter(filter);
        }
        for (String group : shownTo) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
