package fr.facteur.security;

import fr.facteur.extraction.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Which of our beans the models shipped with Facteur ({@code processes/*.bpmn}) act through, per
 * process key: a delegate (it records a decision, pushes a status…) or a bean method may be used in
 * those processes only. An analyst reshapes {@code InvoiceReception} with its own delegates; a new
 * process of theirs cannot call {@code ${recordDecisionDelegate}} on an invoice id it sets itself.
 */
final class ShippedModels {

    private ShippedModels() {
    }

    /** Bean name → the process keys whose shipped model uses it. */
    static Map<String, Set<String>> usage() {
        Map<String, Set<String>> usage = new TreeMap<>();
        try {
            for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*.bpmn")) {
                try (InputStream in = model.getInputStream()) {
                    Element definitions = SafeXml.parse(in.readAllBytes()).getDocumentElement();
                    for (Node child = definitions.getFirstChild(); child != null; child = child.getNextSibling()) {
                        if (child instanceof Element process && "process".equals(process.getLocalName())
                                && DeploymentGuard.BPMN.equals(process.getNamespaceURI())) {
                            collect(process, process.getAttribute("id"), usage);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the models shipped with Facteur", e);
        }
        return usage;
    }

    private static void collect(Element element, String processKey, Map<String, Set<String>> usage) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            add(attributes.item(i).getNodeValue(), processKey, usage);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                collect(childElement, processKey, usage);
            } else if (child.getNodeType() == Node.TEXT_NODE) {
                add(child.getNodeValue().trim(), processKey, usage);
            }
        }
    }

    private static void add(String value, String processKey, Map<String, Set<String>> usage) {
        if (ModelExpressions.hasExpression(value)) {
            for (String bean : ModelExpressions.beansActedThrough(value)) {
                usage.computeIfAbsent(bean, name -> new TreeSet<>()).add(processKey);
            }
        }
    }
}
