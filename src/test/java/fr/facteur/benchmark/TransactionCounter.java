package fr.facteur.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Counts, at the JDBC level, the transactions the application commits through its pool: explicit
 * commits, and statements run in auto-commit (each its own transaction). Those of the Chorus Pro
 * emulator (its code on the stack) are counted apart: in production Chorus Pro is not in our database.
 */
final class TransactionCounter implements BeanPostProcessor {

    private static final String EMULATOR_PACKAGE = "fr.facteur.chorus.emulator.";
    private static final String EMULATOR = "emulator";

    /** Explicit commits (BEGIN … COMMIT) of the application, and of the emulator. */
    final AtomicLong commits = new AtomicLong();
    final AtomicLong emulatorCommits = new AtomicLong();
    /** Statements the application ran in auto-commit, and the emulator. */
    final AtomicLong autoCommits = new AtomicLong();
    final AtomicLong emulatorAutoCommits = new AtomicLong();
    final AtomicLong rollbacks = new AtomicLong();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource && "dataSource".equals(beanName)) {
            return wrap(bean, ClassUtils.getAllInterfaces(bean), (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }
        return bean;
    }

    /**
     * A connection that counts its commits and rollbacks when a statement ran since the last one (the
     * driver starts a transaction with the first statement: a commit without one sends nothing).
     */
    private Object connection(Connection connection) {
        AtomicBoolean inTransaction = new AtomicBoolean();
        Set<String> seen = new LinkedHashSet<>();
        return wrap(connection, new Class<?>[] {Connection.class}, (target, method, args) -> {
            switch (method.getName()) {
                case "commit" -> {
                    if (inTransaction.getAndSet(false)) {
                        count(commits, emulatorCommits, seen);
                    }
                    seen.clear();
                }
                case "rollback" -> {
                    if (args == null && inTransaction.getAndSet(false)) {
                        rollbacks.incrementAndGet();
                    }
                    seen.clear();
                }
                default -> {
                }
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement) {
                return wrap(statement, ClassUtils.getAllInterfaces(statement), (s, m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        if (connection.getAutoCommit()) {
                            Set<String> alone = new LinkedHashSet<>();
                            alone.add(origin());
                            count(autoCommits, emulatorAutoCommits, alone);
                        } else {
                            inTransaction.set(true);
                            seen.add(origin());
                        }
                    }
                    return invoke(s, m, a);
                });
            }
            return result;
        });
    }

    /** The engine's command and the innermost class of ours running a statement, or the emulator. */
    private static String origin() {
        List<String> frames = StackWalker.getInstance().walk(stack -> stack
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> name.startsWith("fr.facteur.") && !name.startsWith("fr.facteur.benchmark.")
                        && !name.startsWith("fr.facteur.security.") || name.startsWith("org.camunda.bpm.engine.impl.cmd."))
                .toList());
        if (frames.stream().anyMatch(name -> name.startsWith(EMULATOR_PACKAGE))) {
            return EMULATOR;
        }
        String ours = frames.stream().filter(name -> name.startsWith("fr.facteur.")).findFirst().orElse("");
        String command = frames.stream().filter(name -> name.startsWith("org.camunda.")).reduce((a, b) -> b).orElse("");
        return (simpleName(command) + " " + simpleName(ours)).trim();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replaceAll("\\$\\$.*", "");
    }

    private void count(AtomicLong ours, AtomicLong emulator, Set<String> seenInTransaction) {
        boolean fromEmulator = seenInTransaction.contains(EMULATOR);
        (fromEmulator ? emulator : ours).incrementAndGet();
        if (!fromEmulator) {
            String origin = seenInTransaction.stream().filter(o -> !o.isEmpty()).reduce((a, b) -> a + " | " + b).orElse("?");
            origins.computeIfAbsent(origin.length() > 240 ? origin.substring(0, 240) + "…" : origin,
                    key -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Where the transactions were committed from: the first class of ours or of the engine's commands on the stack. */
    final Map<String, AtomicLong> origins = new ConcurrentSkipListMap<>();

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static Object wrap(Object target, Class<?>[] interfaces, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return Proxy.newProxyInstance(TransactionCounter.class.getClassLoader(), interfaces, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
