package fr.facteur.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable of a contract: its name and its type, read and written through it rather
 * than by a string written by hand. Whole numbers are read whatever integer type a client stored
 * them as; a value of another type is an error that names the variable.
 */
public record ProcessVariable<T>(String name, Class<T> type) {

    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    /** The value, or null when the variable is not set. */
    public T get(VariableScope scope) {
        return convert(scope.getVariable(name));
    }

    /** The value; an error naming the variable when it is not set. */
    public T require(VariableScope scope) {
        T value = get(scope);
        if (value == null) {
            throw new IllegalStateException("Process variable " + name + " is missing");
        }
        return value;
    }

    /** Sets the variable, unless it holds this value already ({@link ProcessVariables#set}). */
    public void set(VariableScope scope, T value) {
        ProcessVariables.set(scope, name, value);
    }

    /** The value as read from a map of variables (a task completion, an external task), or null. */
    public T from(java.util.Map<String, ?> variables) {
        return convert(variables.get(name));
    }

    @SuppressWarnings("unchecked")
    private T convert(Object value) {
        if (value == null) {
            return null;
        }
        if (type == Long.class && value instanceof Number number) {
            return (T) Long.valueOf(number.longValue());
        }
        if (type == Date.class && value instanceof Date) {
            return (T) value;
        }
        if (type.isInstance(value)) {
            return (T) value;
        }
        if (type == String.class) {
            return (T) value.toString();
        }
        throw new IllegalStateException("Process variable " + name + " is a " + value.getClass().getSimpleName()
                + ", not a " + type.getSimpleName() + ": " + value);
    }
}
