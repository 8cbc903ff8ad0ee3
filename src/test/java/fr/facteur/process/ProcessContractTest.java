package fr.facteur.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.chorus.ChorusStatus;
import fr.facteur.invoice.IndexField;
import fr.facteur.security.ModelApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The processes speak only the names their contracts declare: every process key, message, variable
 * (in expressions, mappings, multi-instance and result variables, the routing table's inputs and the
 * forms' fields, templates and FEEL expressions) and every value a condition compares with (a
 * decision, a channel, an outcome, a Chorus Pro status) in {@code processes/} and {@code forms/} is
 * declared by the contract of its BPMN file.
 */
class ProcessContractTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_]\\w*)\\s*}}");
    private static final Pattern FEEL_NAME = Pattern.compile("\"[^\"]*\"|\\b([A-Za-z_]\\w*)\\b");
    private static final Set<String> FEEL_WORDS = Set.of("not", "and", "or", "null", "true", "false", "if", "then",
            "else", "in", "some", "every", "satisfies", "instance", "of", "between");
    private static final Set<String> CHORUS_STATUSES = Arrays.stream(ChorusStatus.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    record Contract(String key, String resource, Set<String> messages, Set<String> variables, Set<String> values) {
    }

    static final List<Contract> CONTRACTS = List.of(
            new Contract(ReceptionContract.KEY, ReceptionContract.RESOURCE, ReceptionContract.MESSAGES,
                    ReceptionContract.VARIABLES, ReceptionContract.VALUES),
            new Contract(EmissionContract.KEY, EmissionContract.RESOURCE, EmissionContract.MESSAGES,
                    EmissionContract.VARIABLES, EmissionContract.VALUES),
            new Contract(ReleveContract.KEY, ReleveContract.RESOURCE, ReleveContract.MESSAGES,
                    ReleveContract.VARIABLES, ReleveContract.VALUES),
            new Contract(StatusPushContract.KEY, StatusPushContract.RESOURCE, StatusPushContract.MESSAGES,
                    StatusPushContract.VARIABLES, StatusPushContract.VALUES));

    private final Builder juel = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyBpmnFileHasItsContract() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bpmn")))
                    .containsExactlyInAnyOrderElementsOf(CONTRACTS.stream().map(Contract::resource).toList());
        }
    }

    @Test
    void theModelsUseOnlyDeclaredNames() throws Exception {
        Map<String, Contract> byKey = new HashMap<>();
        CONTRACTS.forEach(c -> byKey.put(c.key(), c));
        List<String> problems = new ArrayList<>();
        for (Contract contract : CONTRACTS) {
            problems.addAll(check(contract, parse(Path.of("processes", contract.resource())), byKey));
        }
        assertThat(problems).isEmpty();
    }

    /** The check itself can fail: a model with a name its contract does not declare is reported. */
    /** The task ids the Tasklist filters select on are user tasks of the reception model. */
    @Test
    void theTasksTheFiltersSelectExist() throws Exception {
        Set<String> userTasks = new java.util.HashSet<>();
        for (Element element : all(parse(Path.of("processes", ReceptionContract.RESOURCE)).getDocumentElement())) {
            if (BPMN.equals(element.getNamespaceURI()) && element.getLocalName().equals("userTask")) {
                userTasks.add(element.getAttribute("id"));
            }
        }
        assertThat(userTasks).contains(ReceptionContract.TASK_VALIDATE, ReceptionContract.TASK_MANDATE,
                ReceptionContract.TASK_PAYMENT, ReceptionContract.TASK_FOLLOW_DEADLINE);
    }

    @Test
    void anUndeclaredNameIsReported() throws Exception {
        String model = """
                <bpmn:definitions xmlns:bpmn="%s" xmlns:camunda="%s">
                  <bpmn:process id="ChorusReleve">
                    <bpmn:sequenceFlow id="Flow_1"><bpmn:conditionExpression>${montant &gt; 10 &amp;&amp; etat == 'PAYEE'}</bpmn:conditionExpression></bpmn:sequenceFlow>
                    <bpmn:serviceTask id="Task_1" camunda:delegateExpression="${moveWatermarkDelegate}" camunda:resultVariable="resultat"/>
                  </bpmn:process>
                  <bpmn:message id="Message_1" name="InconnuDuContrat"/>
                </bpmn:definitions>""".formatted(BPMN, CAMUNDA);
        Path file = Files.createTempFile("model", ".bpmn");
        Files.writeString(file, model);
        Contract releve = CONTRACTS.get(2);
        List<String> problems = check(releve, parse(file), Map.of(releve.key(), releve));
        assertThat(String.join("\n", problems)).contains("montant", "etat", "'PAYEE'", "resultat", "InconnuDuContrat")
                .doesNotContain("moveWatermarkDelegate");
    }

    /**
     * The index fields of every form follow the catalogue: its label (the supplier's side on the
     * emission's forms, where Facteur is the supplier) and a component of its type (a date picker,
     * a number for an amount; a read-only copy may show a date as text).
     */
    @Test
    void everyFormFieldOfAnIndexFieldFollowsTheCatalogue() throws Exception {
        Set<String> emissionForms = formRefs(Path.of("processes", EmissionContract.RESOURCE));
        List<String> problems = new ArrayList<>();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
                JsonNode root = json.readTree(form.toFile());
                boolean emission = emissionForms.contains(root.path("id").asText());
                for (JsonNode component : components(root)) {
                    IndexField.byVariable(component.path("key").asText(null)).ifPresent(field ->
                            problems.addAll(againstCatalogue(form.getFileName().toString(), component, field, emission)));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(againstCatalogue("f", json.readTree("{\"key\": \"dueDate\", \"label\": \"Échéance\", \"type\": \"textfield\"}"),
                IndexField.DUE_DATE, false)).as("the check can fail").hasSize(2);
    }

    private static List<String> againstCatalogue(String form, JsonNode component, IndexField field, boolean emission) {
        List<String> problems = new ArrayList<>();
        String key = field.variable();
        String label = emission ? field.emissionLabel() : field.label();
        if (!label.equals(component.path("label").asText())) {
            problems.add(form + ": " + key + " labelled « " + component.path("label").asText() + " », the catalogue says « "
                    + label + " »");
        }
        String type = component.path("type").asText();
        boolean readonly = component.path("readonly").asBoolean(false);
        boolean fits = switch (field.type()) {
            case DATE -> type.equals("datetime") || (readonly && type.equals("textfield"));
            case AMOUNT -> type.equals("number");
            default -> type.equals("textfield");
        };
        if (!fits) {
            problems.add(form + ": " + key + " is a " + type + (readonly ? " (read only)" : "") + ", not a component for "
                    + field.type());
        }
        return problems;
    }

    private static Set<String> formRefs(Path bpmn) throws Exception {
        Set<String> refs = new HashSet<>();
        for (Element element : all(parse(bpmn).getDocumentElement())) {
            if (element.hasAttributeNS(CAMUNDA, "formRef")) {
                refs.add(element.getAttributeNS(CAMUNDA, "formRef"));
            }
        }
        return refs;
    }

    private List<String> check(Contract contract, Document model, Map<String, Contract> contracts) throws Exception {
        Set<String> problems = new TreeSet<>();
        String where = contract.resource() + ": ";
        Element process = (Element) model.getElementsByTagNameNS(BPMN, "process").item(0);
        if (!contract.key().equals(process.getAttribute("id"))) {
            problems.add(where + "process id " + process.getAttribute("id") + " is not the contract's key " + contract.key());
        }
        NodeList messages = model.getElementsByTagNameNS(BPMN, "message");
        for (int i = 0; i < messages.getLength(); i++) {
            String name = ((Element) messages.item(i)).getAttribute("name");
            if (!contract.messages().contains(name)) {
                problems.add(where + "message " + name + " not declared");
            }
        }
        Set<String> beans = new HashSet<>(ModelApi.BEANS.keySet());
        beans.addAll(ModelApi.ENGINE_OBJECTS.keySet());
        beans.addAll(ModelApi.FUNCTIONS);
        List<Element> elements = all(model.getDocumentElement());
        for (Element element : elements) {
            for (String delegate : List.of(element.getAttributeNS(CAMUNDA, "delegateExpression"),
                    element.getAttribute("delegateExpression"))) {
                if (delegate.matches("\\$\\{\\w+}")) {
                    beans.add(delegate.substring(2, delegate.length() - 1));
                }
            }
        }
        List<String> formRefs = new ArrayList<>();
        for (Element element : elements) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String value = attribute.getValue();
                String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                if (value.contains("${") || value.contains("#{")) {
                    expression(value, contract, beans, where, problems);
                } else if (CAMUNDA.equals(attribute.getNamespaceURI())
                        && Set.of("elementVariable", "resultVariable").contains(name)) {
                    variable(value, contract, where, problems);
                } else if (CAMUNDA.equals(attribute.getNamespaceURI()) && name.equals("formRef")) {
                    formRefs.add(value);
                } else if (CAMUNDA.equals(attribute.getNamespaceURI()) && name.equals("topic")
                        && !ExtractionContract.TOPIC.equals(value)) {
                    problems.add(where + "external task topic " + value + " not declared");
                }
            }
            String local = element.getLocalName();
            if (CAMUNDA.equals(element.getNamespaceURI()) && (local.equals("in") || local.equals("out"))) {
                Element call = ancestor(element, "callActivity");
                Contract called = contracts.get(call.getAttribute("calledElement"));
                if (called == null) {
                    problems.add(where + "calls " + call.getAttribute("calledElement") + ", a process without a contract");
                    continue;
                }
                Contract source = local.equals("in") ? contract : called;
                Contract target = local.equals("in") ? called : contract;
                if (element.hasAttribute("source")) {
                    variable(element.getAttribute("source"), source, where, problems);
                }
                if (element.hasAttribute("target")) {
                    variable(element.getAttribute("target"), target, where, problems);
                }
            }
            if (CAMUNDA.equals(element.getNamespaceURI())
                    && (local.equals("inputParameter") || local.equals("outputParameter"))) {
                variable(element.getAttribute("name"), contract, where, problems);
            }
            if (element.getChildNodes().getLength() == 1 && element.getFirstChild().getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                String text = element.getTextContent();
                if (text.contains("${") || text.contains("#{")) {
                    expression(text, contract, beans, where, problems);
                }
            }
            if (element.hasAttributeNS(CAMUNDA, "decisionRef")) {
                problems.addAll(decisionInputs(Path.of("processes"), element.getAttributeNS(CAMUNDA, "decisionRef"), contract));
            }
        }
        for (String formRef : formRefs) {
            problems.addAll(form(formRef, contract));
        }
        return new ArrayList<>(problems);
    }

    private void expression(String text, Contract contract, Set<String> beans, String where, Set<String> problems) {
        Node root;
        try {
            root = juel.build(text).getRoot();
        } catch (RuntimeException e) {
            problems.add(where + "expression " + text + " does not parse: " + e.getMessage());
            return;
        }
        visit(root, node -> {
            if (node instanceof AstIdentifier identifier && !beans.contains(identifier.getName())) {
                variable(identifier.getName(), contract, where, problems);
            }
            if (node instanceof AstString string) {
                String literal = (String) string.eval(null, null);
                if (!contract.variables().contains(literal) && !contract.values().contains(literal)
                        && !CHORUS_STATUSES.contains(literal)) {
                    problems.add(where + "value '" + literal + "' in " + text + " not declared");
                }
            }
        });
    }

    private static void variable(String name, Contract contract, String where, Set<String> problems) {
        if (!contract.variables().contains(name)) {
            problems.add(where + "variable " + name + " not declared by the contract of " + contract.key());
        }
    }

    private List<String> decisionInputs(Path folder, String decisionId, Contract contract) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path dmn : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
                Document document = parse(dmn);
                for (Element decision : all(document.getDocumentElement())) {
                    if (!"decision".equals(decision.getLocalName()) || !decisionId.equals(decision.getAttribute("id"))) {
                        continue;
                    }
                    for (Element input : all(decision)) {
                        if ("inputExpression".equals(input.getLocalName())) {
                            for (String name : feelNames(input.getTextContent())) {
                                if (!contract.variables().contains(name)) {
                                    problems.add(dmn.getFileName() + ": input " + name + " not declared by " + contract.key());
                                }
                            }
                        }
                    }
                }
            }
        }
        return problems;
    }

    private List<String> form(String formRef, Contract contract) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path file : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
                JsonNode form = json.readTree(file.toFile());
                if (!formRef.equals(form.path("id").asText())) {
                    continue;
                }
                for (JsonNode component : components(form)) {
                    if (component.hasNonNull("key") && !contract.variables().contains(component.get("key").asText())) {
                        problems.add(file.getFileName() + ": field " + component.get("key").asText() + " not declared by "
                                + contract.key());
                    }
                    component.fields().forEachRemaining(property -> {
                        if (!property.getValue().isTextual()) {
                            return;
                        }
                        String value = property.getValue().asText();
                        Matcher template = TEMPLATE.matcher(value);
                        while (template.find()) {
                            if (!contract.variables().contains(template.group(1))) {
                                problems.add(file.getFileName() + ": {{" + template.group(1) + "}} not declared by "
                                        + contract.key());
                            }
                        }
                        if (value.startsWith("=")) {
                            for (String name : feelNames(value.substring(1))) {
                                if (!contract.variables().contains(name)) {
                                    problems.add(file.getFileName() + ": " + name + " in " + value + " not declared by "
                                            + contract.key());
                                }
                            }
                        }
                    });
                    JsonNode hide = component.path("conditional").path("hide");
                    if (hide.isTextual() && hide.asText().startsWith("=")) {
                        for (String name : feelNames(hide.asText().substring(1))) {
                            if (!contract.variables().contains(name)) {
                                problems.add(file.getFileName() + ": " + name + " in " + hide.asText() + " not declared by "
                                        + contract.key());
                            }
                        }
                    }
                }
                return problems;
            }
        }
        problems.add(contract.resource() + ": form " + formRef + " not found in forms/");
        return problems;
    }

    private static List<String> feelNames(String expression) {
        List<String> names = new ArrayList<>();
        Matcher matcher = FEEL_NAME.matcher(expression);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name != null && !FEEL_WORDS.contains(name) && !name.matches("\\d.*")) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<JsonNode> components(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode component : node.path("components")) {
            found.add(component);
            found.addAll(components(component));
        }
        return found;
    }

    private interface Visitor {
        void visit(Node node);
    }

    private static void visit(Node node, Visitor visitor) {
        visitor.visit(node);
        for (int i = 0; i < node.getCardinality(); i++) {
            visit(node.getChild(i), visitor);
        }
    }

    private static Element ancestor(Element element, String localName) {
        org.w3c.dom.Node parent = element.getParentNode();
        while (parent != null && !localName.equals(parent.getLocalName())) {
            parent = parent.getParentNode();
        }
        return (Element) parent;
    }

    private static List<Element> all(Element root) {
        List<Element> elements = new ArrayList<>();
        NodeList list = root.getElementsByTagName("*");
        for (int i = 0; i < list.getLength(); i++) {
            elements.add((Element) list.item(i));
        }
        return elements;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
