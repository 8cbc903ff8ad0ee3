package fr.facteur.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.process.ProcessVariables;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Process data cannot be forged by a person or a worker. For every command that a logged-in
 * person or technical account sends (engine REST, Tasklist, Cockpit — the engine's own work and
 * our services run without one):
 * <ul>
 * <li>completing a user task, submitting its form, or setting or removing its variables accepts
 * only the variables that the task's Camunda Form defines;</li>
 * <li>no command writes an identity variable ({@link ProcessVariables#IDENTITY}) of a running
 * process: they are set at the start and by the engine only.</li>
 * </ul>
 * Nothing is changed by a refused command. Engine REST answers 400 to a refused completion or
 * form submission (a {@link FormFieldValidationException}, as for a field that fails its form's
 * validation) and 403 to a refused variable change (an {@link AuthorizationException}).
 */
final class ProcessDataGuard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;
    private final ObjectMapper json = new ObjectMapper();

    /** Installed before the engine is built: its services are looked up when a command comes. */
    ProcessDataGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        // only what comes from outside: a top-level command run on behalf of someone
        boolean fromOutside = Context.getCommandContext() == null
                && configuration.getIdentityService().getCurrentAuthentication() != null;
        if (fromOutside) {
            check(command);
        }
        try {
            return next.execute(command);
        } catch (ProcessEngineException e) {
            // a completion listener that refuses a value (ValidateInvoiceCompletionListener) is wrapped by
            // the engine into a 500; its own refusal, once rolled back, is what the person must read (400)
            FormFieldValidationException refusal = fromOutside && isCompletion(command) ? refusalIn(e) : null;
            throw refusal != null ? refusal : e;
        }
    }

    private static boolean isCompletion(Command<?> command) {
        return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
    }

    private static FormFieldValidationException refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormFieldValidationException refusal) {
                return refusal;
            }
        }
        return null;
    }

    private void check(Command<?> command) {
        if (command instanceof AbstractQuery<?, ?>) {
            return; // a query writes nothing (Tasklist sends many: kept off their path)
        }
        if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd
                || command instanceof SubmitStartFormCmd) {
            return; // a process start sets its identity; who may start is Camunda's authorizations
        }
        String taskId = taskOf(command);
        Set<String> written = writtenNames(command);
        Set<String> identity = new TreeSet<>(written);
        identity.retainAll(ProcessVariables.IDENTITY);
        if (!identity.isEmpty()) {
            throw refusal(command, "Variable(s) refusée(s) : " + String.join(", ", identity)
                    + ". Elles désignent la facture du processus et ne se modifient jamais après son démarrage.");
        }
        if (taskId != null && !written.isEmpty()) {
            Set<String> allowed = formFields(taskId);
            Set<String> unknown = new TreeSet<>(written);
            unknown.removeAll(allowed);
            if (!unknown.isEmpty()) {
                throw refusal(command, "Variable(s) refusée(s) : " + String.join(", ", unknown)
                        + ". Cette tâche n'accepte que les champs de son formulaire"
                        + (allowed.isEmpty() ? " (elle n'en a pas)." : " : " + String.join(", ", new TreeSet<>(allowed))
                        + "."));
            }
        }
    }

    private static ProcessEngineException refusal(Command<?> command, String message) {
        if (isCompletion(command)) {
            return new FormFieldValidationException("variables", message);
        }
        return new AuthorizationException(message);
    }

    /** The task whose form decides what may be written, for the task commands. */
    private static String taskOf(Command<?> command) {
        if (isCompletion(command)) {
            return (String) read(command, "taskId");
        }
        if (command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
                || command instanceof PatchTaskVariablesCmd) {
            return (String) read(command, "entityId");
        }
        return null;
    }

    /** Every variable name the command would write or remove: all its fields that hold variables. */
    private static Set<String> writtenNames(Command<?> command) {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(command, field);
                if (value instanceof Map<?, ?> map) {
                    map.keySet().forEach(key -> names.add(String.valueOf(key)));
                } else if (value instanceof Collection<?> collection && isVariableNames(command, field)) {
                    collection.forEach(name -> names.add(String.valueOf(name)));
                }
            }
        }
        return names;
    }

    private static boolean isVariableNames(Command<?> command, Field field) {
        return (command instanceof AbstractRemoveVariableCmd && field.getName().equals("variableNames"))
                || (command instanceof AbstractPatchVariablesCmd && field.getName().equals("deletions"));
    }

    /** The keys of the task's Camunda Form, read as the engine serves it (no authorization check: it is ours). */
    private Set<String> formFields(String taskId) {
        Set<String> keys = new TreeSet<>();
        try (InputStream form = configuration.getCommandExecutorTxRequired().execute(context -> {
            context.disableAuthorizationCheck();
            try {
                return new GetDeployedTaskFormCmd(taskId).execute(context);
            } finally {
                context.enableAuthorizationCheck();
            }
        })) {
            collectKeys(json.readTree(form), keys);
        } catch (ProcessEngineException | java.io.IOException e) {
            // no Camunda Form (or no such task): nothing may be written; the command reports a missing task itself
        }
        return keys;
    }

    private static void collectKeys(JsonNode component, Set<String> keys) {
        if (component.hasNonNull("key") && !"default".equals(component.path("type").asText())) {
            keys.add(component.get("key").asText());
        }
        for (JsonNode child : component.path("components")) {
            collectKeys(child, keys);
        }
    }

    private static Object read(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                return read(target, type.getDeclaredField(name));
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    private static Object read(Object target, Field field) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
