package fr.facteur.security;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * What a BPMN model may call: the model API. A model is code that analysts deploy, so it reaches
 * only this small, documented list (README, "Security"); the deployment guard refuses the rest.
 * <ul>
 * <li>delegates: beans of ours implementing {@code JavaDelegate}, {@code ExecutionListener} or
 * {@code TaskListener}, named as a whole ({@code camunda:delegateExpression="${recordDecisionDelegate}"});</li>
 * <li>the members below of a few settings and helper beans, and of the engine's {@code execution}
 * and {@code task};</li>
 * <li>the engine's functions {@code now()}, {@code dateTime()}, {@code currentUser()},
 * {@code currentUserGroups()};</li>
 * <li>process variables, read and compared.</li>
 * </ul>
 * A member ending in {@code ()} is a method; the others are properties (getters).
 */
public final class ModelApi {

    /** Beans other than delegates that models may use, with the members they may use. */
    public static final Map<String, Set<String>> BEANS = Map.of(
            "chorusRetry", Set.of("cycle"),
            "chorusReleve", Set.of("cycle", "structures()"),
            "receptionSettings", Set.of("disputeTimeout"),
            "emissionSettings", Set.of("reportPoll", "statusPoll"),
            "paymentWarning", Set.of("warnOn()", "pause()", "resume()", "followIndex()"),
            "serviceValidators", Set.of("groups()"));

    /** The engine's objects in an expression, with what a model may read of them (never the engine's services). */
    public static final Map<String, Set<String>> ENGINE_OBJECTS = Map.of(
            "execution", Set.of("getVariable()", "hasVariable()", "getVariableLocal()", "id", "processInstanceId",
                    "processBusinessKey", "businessKey", "currentActivityId", "currentActivityName", "eventName"),
            "task", Set.of("getVariable()", "hasVariable()", "id", "name", "assignee", "owner", "taskDefinitionKey",
                    "processInstanceId", "eventName", "dueDate", "priority"),
            "externalTask", Set.of("id", "topicName", "processInstanceId", "businessKey"));

    public static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

    private static final String OUR_PACKAGE = "fr.facteur.";

    private ModelApi() {
    }

    /** Our beans that models may name as a delegate or listener. */
    static Set<String> delegates(ListableBeanFactory beans) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : new Class<?>[] {JavaDelegate.class, ExecutionListener.class, TaskListener.class}) {
            for (String name : beans.getBeanNamesForType(type, false, false)) {
                Class<?> beanType = beans.getType(name, false);
                if (beanType != null && beanType.getName().startsWith(OUR_PACKAGE)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
