package fr.facteur.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.SafeXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A model is code: this pre-deployer checks every resource of every deployment (engine REST,
 * Camunda Modeler, Cockpit, the classpath at start, and a deployment read again from the database)
 * before the engine parses it, and refuses the whole deployment — nothing of it is stored — with a
 * {@link ParseException} naming the element and the reason in French (engine REST answers 400).
 *
 * <p>Refused: script tasks, scripts anywhere (listeners, input/output, conditions in a script
 * language), {@code camunda:class} and other Java class names, connectors, embedded HTML forms, a
 * {@code delegateExpression} other than {@code ${bean}} of one of our delegates, and every
 * expression that steps outside the {@link ModelApi}; in DMN, any expression language but FEEL;
 * in forms, components that embed HTML or other sites; any other kind of file.
 */
final class DeploymentGuard implements Deployer {

    private static final Logger log = LoggerFactory.getLogger(DeploymentGuard.class);

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMN_DI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass", "resource");
    private static final Set<String> DELEGATE_ATTRIBUTES = Set.of("delegateExpression",
            "variableMappingDelegateExpression");
    private static final Set<String> FEEL = Set.of("feel", "feel-scala", "https://www.omg.org/spec/dmn/20191111/feel/",
            "http://www.omg.org/spec/feel/20140401");
    private static final Set<String> FORM_COMPONENTS = Set.of("default", "text", "textfield", "textarea", "number",
            "datetime", "checkbox", "checklist", "radio", "select", "taglist", "button", "group", "dynamiclist",
            "spacer", "separator", "table", "expression");

    private final ModelExpressions expressions;
    private final Supplier<Set<String>> delegates;
    private final Map<String, Set<String>> shipped;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param delegates our delegate beans
     * @param shipped   bean → the process keys whose shipped model acts through it ({@link ShippedModels})
     */
    DeploymentGuard(ModelExpressions expressions, Supplier<Set<String>> delegates,
                    Map<String, Set<String>> shipped) {
        this.expressions = expressions;
        this.delegates = delegates;
        this.shipped = shipped;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            List<Problem> problems = check(resource.getName(), resource.getBytes());
            if (!problems.isEmpty()) {
                log.warn("Deployment '{}' refused: {} in {}", deployment.getName(),
                        problems.stream().map(Problem::getMessage).toList(), resource.getName());
                throw new ParseException("Déploiement refusé (" + resource.getName() + ") : "
                        + problems.get(0).getMessage() + (problems.size() > 1 ? " (et " + (problems.size() - 1)
                        + " autre(s) problème(s))" : ""), resource.getName(), problems, List.of());
            }
        }
    }

    /** The problems of one resource; empty when it may be deployed. */
    List<Problem> check(String name, byte[] bytes) {
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                return checkBpmn(parse(bytes));
            }
            if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                return checkDmn(parse(bytes));
            }
            if (lower.endsWith(".form")) {
                return checkForm(json.readTree(bytes));
            }
        } catch (Exception e) {
            return List.of(new GuardProblem("fichier illisible : " + e.getMessage(), null));
        }
        return List.of(new GuardProblem("type de fichier non accepté dans un déploiement (seuls .bpmn, .dmn et "
                + ".form le sont)", null));
    }

    private List<Problem> checkBpmn(Document document) {
        List<Problem> problems = new ArrayList<>();
        Set<String> ourDelegates = delegates.get();
        walk(document.getDocumentElement(), element -> {
            String ns = element.getNamespaceURI();
            String local = element.getLocalName();
            if (BPMN.equals(ns) && "scriptTask".equals(local)) {
                problems.add(problem(element, "une tâche de script est interdite : un modèle n'exécute pas de script"
                        + " (utilisez un délégué de l'API des modèles)"));
            }
            if (CAMUNDA.equals(ns) && "script".equals(local)) {
                problems.add(problem(element, "un script (camunda:script) est interdit dans un modèle"));
            }
            if (CAMUNDA.equals(ns) && "connector".equals(local)) {
                problems.add(problem(element, "un connecteur (camunda:connector) est interdit dans un modèle"));
            }
            if (element.hasAttribute("language") && BPMN.equals(ns)) {
                problems.add(problem(element, "une expression en langage de script (« "
                        + element.getAttribute("language") + " ») est interdite"));
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                String value = attribute.getValue();
                // camunda:class on a task, or class="..." on a camunda:executionListener
                boolean camunda = CAMUNDA.equals(attribute.getNamespaceURI())
                        || (attribute.getNamespaceURI() == null && CAMUNDA.equals(ns));
                if (camunda && CLASS_ATTRIBUTES.contains(name)) {
                    problems.add(problem(element, "camunda:" + name + " (« " + value + " ») est interdit : un modèle "
                            + "n'instancie pas de classe Java ; utilisez un délégué de l'API des modèles"));
                } else if (camunda && DELEGATE_ATTRIBUTES.contains(name)) {
                    checkDelegate(element, value, ourDelegates, problems);
                } else if (camunda && "formKey".equals(name)
                        && !value.startsWith("camunda-forms:")) {
                    problems.add(problem(element, "camunda:formKey « " + value + " » est interdit : les formulaires "
                            + "sont des Camunda Forms (camunda:formRef)"));
                } else {
                    expressions.check(value).ifPresent(reason -> problems.add(problem(element, reason)));
                }
                checkProcessOfBeans(element, value, ourDelegates, problems);
            }
            if (!skipsText(element)) {
                String text = ownText(element);
                expressions.check(text).ifPresent(reason -> problems.add(problem(element, reason)));
                checkProcessOfBeans(element, text, ourDelegates, problems);
            }
            return !BPMN_DI.equals(ns) && !(BPMN.equals(ns) && ("documentation".equals(local)
                    || "textAnnotation".equals(local)));
        });
        return problems;
    }

    /**
     * A delegate or a bean method acts on invoices: only in the processes shipped with it (an
     * analyst's own process cannot approve an invoice or push a status through it).
     */
    private void checkProcessOfBeans(Element element, String value, Set<String> ourDelegates, List<Problem> problems) {
        if (!ModelExpressions.hasExpression(value)) {
            return;
        }
        String process = processOf(element);
        for (String bean : ModelExpressions.beansActedThrough(value)) {
            Set<String> processes = shipped.get(bean);
            boolean ourBean = ourDelegates.contains(bean) || ModelApi.BEANS.containsKey(bean);
            if (ourBean && (processes == null || !processes.contains(process))) {
                problems.add(problem(element, "« " + bean + " » agit sur les factures et ne sert qu'aux processus "
                        + (processes == null ? "livrés avec Facteur" : String.join(", ", processes))
                        + " : le processus « " + process + " » ne peut pas l'appeler"));
            }
        }
    }

    /** The id of the BPMN process an element belongs to. */
    private static String processOf(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (BPMN.equals(e.getNamespaceURI()) && "process".equals(e.getLocalName())) {
                return e.getAttribute("id");
            }
        }
        return "";
    }

    private void checkDelegate(Element element, String value, Set<String> ourDelegates, List<Problem> problems) {
        Optional<String> bean = ModelExpressions.delegateName(value);
        if (bean.isEmpty()) {
            problems.add(problem(element, "delegateExpression « " + value + " » doit être ${nomDuDélégué}, "
                    + "un délégué de l'API des modèles"));
        } else if (!ourDelegates.contains(bean.get())) {
            problems.add(problem(element, "« " + bean.get() + " » n'est pas un délégué de l'API des modèles"));
        }
    }

    private List<Problem> checkDmn(Document document) {
        List<Problem> problems = new ArrayList<>();
        walk(document.getDocumentElement(), element -> {
            String language = element.getAttribute("expressionLanguage");
            if (!language.isEmpty() && !FEEL.contains(language.toLowerCase(Locale.ROOT))) {
                problems.add(problem(element, "le langage d'expression « " + language + " » est interdit dans une "
                        + "table de décision : FEEL seulement (FEEL n'a pas accès à Java)"));
            }
            return true;
        });
        return problems;
    }

    private List<Problem> checkForm(JsonNode form) {
        List<Problem> problems = new ArrayList<>();
        checkComponent(form, problems);
        return problems;
    }

    private void checkComponent(JsonNode component, List<Problem> problems) {
        String type = component.path("type").asText();
        if (!FORM_COMPONENTS.contains(type)) {
            problems.add(new GuardProblem("le composant de formulaire « " + type + " » est interdit (HTML, cadre "
                    + "ou image d'un autre site dans Tasklist)", component.path("id").asText(null)));
        }
        for (JsonNode child : component.path("components")) {
            checkComponent(child, problems);
        }
    }

    private static boolean skipsText(Element element) {
        return BPMN_DI.equals(element.getNamespaceURI()) || (BPMN.equals(element.getNamespaceURI())
                && ("documentation".equals(element.getLocalName()) || "text".equals(element.getLocalName())));
    }

    private static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString().trim();
    }

    /** Visits the element and, when the visitor says so, its descendants. */
    private static void walk(Element element, java.util.function.Predicate<Element> visitor) {
        if (!visitor.test(element)) {
            return;
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, visitor);
            }
        }
    }

    private static GuardProblem problem(Element element, String message) {
        Node node = element;
        while (node instanceof Element e && !e.hasAttribute("id")) {
            node = node.getParentNode();
        }
        String id = node instanceof Element e ? e.getAttribute("id") : null;
        return new GuardProblem((id == null ? "" : id + " : ") + message, id);
    }

    private static Document parse(byte[] bytes) {
        return SafeXml.parse(bytes);
    }

    /** One refusal, as the engine reports parse problems (engine REST lists them under "details"). */
    record GuardProblem(String message, String mainElementId) implements Problem {

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return mainElementId;
        }

        @Override
        public List<String> getElementIds() {
            return mainElementId == null ? List.of() : List.of(mainElementId);
        }
    }
}
