package fr.facteur.extraction;

import fr.facteur.identifiers.Siret;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Chorus Pro's PIVOT file ({@code CPPFacturePivot}, {@code ../shared/chorus-pro-api.md} §3.4): the
 * index fields of its first invoice and its files ({@code PJ}: 01 the invoice, 02 complementary), with
 * a streaming parser (the files are embedded in Base64: a PIVOT can weigh up to 120 MB) that refuses a
 * DOCTYPE and never resolves an entity.
 */
public final class PivotReader {

    /** Each embedded file at most this large once decoded. */
    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

    private PivotReader() {
    }

    /** A file embedded in the PIVOT: {@code type} 01 is the invoice, 02 a complementary attachment. */
    public record PivotFile(String type, String name, byte[] content) {
    }

    /** What the PIVOT says: the fields read (structured, confidence 1) and its files. */
    public record Pivot(Extraction extraction, List<PivotFile> files) {
    }

    /** @throws UnreadableDocumentException when the file is not a readable PIVOT */
    public static Pivot read(byte[] xml) {
        SafeXml.refuseDoctype(xml);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        Map<String, String> values = new LinkedHashMap<>();
        List<PivotFile> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int invoices = 0;
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            Deque<String> path = new ArrayDeque<>();
            Map<String, String> pj = new LinkedHashMap<>();
            boolean root = true;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (root && !name.equals("CPPFacturePivot")) {
                        throw new UnreadableDocumentException(UnreadableDocumentException.Reason.NOT_AN_INVOICE,
                                "Ce fichier XML n'est pas un PIVOT Chorus Pro (racine « " + name + " »).");
                    }
                    root = false;
                    if (name.equals("CPPFacturePivotUnitaire") && ++invoices > 1) {
                        warnings.add("Le fichier PIVOT contient plusieurs factures : seule la première est lue.");
                    }
                    path.push(name);
                    if (invoices > 1) {
                        continue;
                    }
                    String parent = path.size() > 1 ? path.toArray(new String[0])[1] : "";
                    if (isLeaf(parent, name)) {
                        String text = reader.getElementText().strip();
                        path.pop();
                        if (parent.equals("PJ")) {
                            pj.put(name, text);
                        } else {
                            values.put(parent + "/" + name, text);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    if (name.equals("PJ") && invoices <= 1) {
                        files.add(file(pj));
                        pj = new LinkedHashMap<>();
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "Le fichier PIVOT est mal formé : " + e.getMessage(), e);
        }
        if (invoices == 0) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.NOT_AN_INVOICE,
                    "Le fichier PIVOT ne contient aucune facture.");
        }
        return new Pivot(new Extraction(ExtractionSource.PIVOT, 1, fields(values, warnings), warnings, ""), files);
    }

    private static boolean isLeaf(String parent, String name) {
        return switch (parent) {
            case "Fournisseur", "Debiteur", "Montants", "Engagement", "PJ" -> true;
            case "DonneesFacture" -> !name.equals("Montants") && !name.equals("Engagement") && !name.equals("TVAs")
                    && !name.equals("Lignes") && !name.equals("ModePaiement");
            default -> false;
        };
    }

    private static PivotFile file(Map<String, String> pj) {
        String content = pj.getOrDefault("Contenu", "");
        if (content.length() / 4L * 3 > MAX_FILE_BYTES) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_LARGE,
                    "Une pièce du fichier PIVOT dépasse " + MAX_FILE_BYTES / (1024 * 1024) + " Mo.");
        }
        try {
            return new PivotFile(pj.get("TypePJ"), pj.get("NomPJ"), Base64.getMimeDecoder().decode(content));
        } catch (IllegalArgumentException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "Une pièce du fichier PIVOT n'est pas en Base64 : " + pj.get("NomPJ"), e);
        }
    }

    private static Map<String, ExtractedField> fields(Map<String, String> values, List<String> warnings) {
        Map<String, ExtractedField> fields = new LinkedHashMap<>();
        put(fields, InvoiceField.SUPPLIER_NAME, values.get("Fournisseur/RaisonSociale"));
        put(fields, InvoiceField.SUPPLIER_SIRET, siret(values.get("Fournisseur/TypeIdentifiant"),
                values.get("Fournisseur/Identifiant")));
        put(fields, InvoiceField.BUYER_NAME, values.get("Debiteur/Nom"));
        put(fields, InvoiceField.BUYER_SIRET, siret(values.get("Debiteur/TypeIdentifiant"), values.get("Debiteur/Identifiant")));
        put(fields, InvoiceField.SERVICE_CODE, values.get("Debiteur/CodeService"));
        put(fields, InvoiceField.INVOICE_NUMBER, values.get("DonneesFacture/Id"));
        put(fields, InvoiceField.ISSUE_DATE, date(values.get("DonneesFacture/DateEmissionFacture")));
        put(fields, InvoiceField.CURRENCY, values.get("DonneesFacture/Devise"));
        put(fields, InvoiceField.PURCHASE_ORDER_REFERENCE, values.get("Engagement/NumeroEngagement"));
        BigDecimal ht = amount(values.get("Montants/MontantHT"), warnings);
        BigDecimal ttc = amount(values.get("Montants/MontantTTC"), warnings);
        put(fields, InvoiceField.TOTAL_HT, ht == null ? null : ht.toPlainString());
        put(fields, InvoiceField.TOTAL_TTC, ttc == null ? null : ttc.toPlainString());
        if (ht != null && ttc != null) {
            put(fields, InvoiceField.TOTAL_TVA, ttc.subtract(ht).toPlainString());
        }
        return fields;
    }

    private static void put(Map<String, ExtractedField> fields, String field, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(field, new ExtractedField(value.strip(), 1.0, ExtractionSource.PIVOT));
        }
    }

    /** A SIRET (type 1, 14 digits); other identifier types are not ours to read as one. */
    private static String siret(String type, String value) {
        if (value == null || (type != null && !type.equals("1") && !type.equalsIgnoreCase("SIRET"))) {
            return null;
        }
        String digits = Siret.normalize(value);
        return digits != null && digits.matches("\\d{14}") ? digits : null;
    }

    private static String date(String value) {
        return value == null || value.length() < 10 ? null : value.substring(0, 10);
    }

    private static BigDecimal amount(String value, List<String> warnings) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            warnings.add("Montant illisible dans le fichier PIVOT : « " + value + " »");
            return null;
        }
    }
}
