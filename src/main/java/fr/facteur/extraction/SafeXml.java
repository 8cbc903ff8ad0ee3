package fr.facteur.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Parses invoice XML with everything that can reach outside or blow up switched off: no DOCTYPE
 * at all (so no external entity, no entity expansion), no XInclude, no external schema or DTD.
 * E-invoices never carry a DOCTYPE, so one is refused as hostile before any parser sees it. Also
 * used for the BPMN and DMN files that the deployment guard reads.
 */
public final class SafeXml {

    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE|<!ENTITY", Pattern.CASE_INSENSITIVE);

    private SafeXml() {
    }

    /** @throws UnreadableDocumentException when the XML is malformed or declares a DOCTYPE (hostile) */
    public static Document parse(byte[] xml) {
        refuseDoctype(xml);
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "Le fichier XML est mal formé : " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "Le fichier XML ne peut pas être lu.", e);
        }
    }

    /** Refuses a DOCTYPE or ENTITY declaration anywhere in the prolog, in UTF-8 or UTF-16. */
    static void refuseDoctype(byte[] xml) {
        int window = Math.min(xml.length, 64 * 1024);
        String head = new String(xml, 0, window, StandardCharsets.ISO_8859_1).replace("\0", "");
        if (DOCTYPE.matcher(head).find()) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.HOSTILE_XML,
                    "Le fichier XML déclare une DTD ou des entités (DOCTYPE) : refusé par sécurité "
                            + "(une facture électronique n'en contient jamais).");
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
