package fr.facteur.security;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNode;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Decides whether an expression of a model (JUEL, as the engine evaluates it) stays inside the
 * {@link ModelApi}: it is parsed with the engine's own parser, then every identifier, property,
 * method and function of its tree is checked. Variables may be read and compared; a member may be
 * used only on an object of the model API; nothing else is reachable (no reflection, no static
 * call, no bean outside the list).
 */
final class ModelExpressions {

    /** Names that are never acceptable in a model, whatever they are called on. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(getClass|class|forName|getClassLoader|classLoader|reflect|Runtime|ProcessBuilder|System|Thread|exec|"
                    + "getMethod|getDeclaredMethod|invoke|newInstance|processEngineServices|processEngine|"
                    + "getProcessEngineServices|getProcessEngine)\\b|\\bT\\(");

    private static final Pattern WHOLE_BEAN = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_]\\w*)\\s*}\\s*$");
    private static final Pattern METHOD_CALL = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*\\.\\s*[A-Za-z_]\\w*\\s*\\(");

    private final Builder parser = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
    private final Predicate<String> isBean;

    /** @param isBean whether a name resolves to a Spring bean (an identifier that is not a bean is a variable) */
    ModelExpressions(Predicate<String> isBean) {
        this.isBean = isBean;
    }

    static boolean hasExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** @return the reason the expression is refused, in French; empty when it is acceptable */
    Optional<String> check(String text) {
        if (!hasExpression(text)) {
            return Optional.empty();
        }
        var forbidden = FORBIDDEN.matcher(text);
        if (forbidden.find()) {
            return Optional.of("l'expression « " + text + " » nomme « " + forbidden.group().replace("(", "")
                    + " », interdit dans un modèle (accès à Java)");
        }
        AstNode root;
        try {
            root = (AstNode) parser.build(text).getRoot();
        } catch (TreeBuilderException e) {
            return Optional.of("l'expression « " + text + " » est illisible : " + e.getMessage());
        }
        try {
            visit(root);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of("l'expression « " + text + " » " + refused.getMessage());
        }
    }

    /** Whether the expression is exactly {@code ${name}} of one of the given beans. */
    static Optional<String> delegateName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var matcher = WHOLE_BEAN.matcher(text);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The beans an expression acts through: named as a whole (a delegate) or a method called on them. */
    static Set<String> beansActedThrough(String text) {
        Set<String> beans = new TreeSet<>();
        delegateName(text).ifPresent(beans::add);
        var call = METHOD_CALL.matcher(text);
        while (call.find()) {
            beans.add(call.group(1));
        }
        return beans;
    }

    private void visit(Node node) {
        if (node instanceof AstMethod) {
            String target = member(node.getChild(0), true);
            visitChildren(node.getChild(1));
            if (target == null) {
                throw new Refused("appelle une méthode hors de l'API des modèles");
            }
            return;
        }
        if (node instanceof AstDot) {
            if (member(node, false) == null) {
                throw new Refused("lit une propriété hors de l'API des modèles");
            }
            return;
        }
        if (node instanceof AstBracket) {
            throw new Refused("utilise un accès par crochets, interdit dans un modèle");
        }
        if (node instanceof AstFunction function) {
            String name = function.getName();
            String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
            if (name.contains(":") || !ModelApi.FUNCTIONS.contains(local)) {
                throw new Refused("appelle la fonction « " + name + " », hors de l'API des modèles "
                        + ModelApi.FUNCTIONS);
            }
            visitChildren(node);
            return;
        }
        if (node instanceof AstIdentifier identifier) {
            String name = identifier.getName();
            // the engine's objects alone (e.g. passed to an allowed method) and variables are fine
            if (!ModelApi.ENGINE_OBJECTS.containsKey(name) && isBean.test(name)) {
                throw new Refused("nomme le bean « " + name + " », qui n'est pas ouvert aux modèles ici");
            }
            return;
        }
        visitChildren(node);
    }

    private void visitChildren(Node node) {
        for (int i = 0; i < node.getCardinality(); i++) {
            visit(node.getChild(i));
        }
    }

    /**
     * @return "root.member" when {@code property} is {@code root.member} with {@code root} an object of
     * the model API that allows this member; null otherwise
     */
    private static String member(Node property, boolean method) {
        if (!(property instanceof AstDot dot) || !(dot.getChild(0) instanceof AstIdentifier root)) {
            return null;
        }
        String name = dot.toString().substring(2).trim() + (method ? "()" : "");
        Set<String> allowed = ModelApi.BEANS.getOrDefault(root.getName(), ModelApi.ENGINE_OBJECTS.get(root.getName()));
        return allowed != null && allowed.contains(name) ? root.getName() + "." + name : null;
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
