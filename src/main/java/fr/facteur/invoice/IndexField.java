package fr.facteur.invoice;

import java.util.Map;
import java.util.LinkedHashMap;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalogue of an invoice's index fields, in the order pages show them: the one place that names them (the invoice JSON, the
 * forms' variables and the extraction use the same names), gives their French label, their type and
 * whether validation needs them. The form reader, the audit trail's labels, the invoice page and the
 * form check are derived from it.
 */
public enum IndexField {
    INVOICE_NUMBER("invoiceNumber", "N° de facture", null, Type.TEXT, true, InvoiceIndex::invoiceNumber),
    SUPPLIER_NAME("supplierName", "Fournisseur", "Émetteur (fournisseur)", Type.TEXT, false, InvoiceIndex::supplierName),
    SUPPLIER_SIRET("supplierSiret", "SIRET du fournisseur", "SIRET de l'émetteur", Type.IDENTIFIER, false, InvoiceIndex::supplierSiret),
    SUPPLIER_VAT_NUMBER("supplierVatNumber", "N° de TVA du fournisseur", "N° de TVA de l'émetteur",
            Type.TEXT, false,
            InvoiceIndex::supplierVatNumber),
    BUYER_NAME("buyerName", "Acheteur", "Destinataire", Type.TEXT, false, InvoiceIndex::buyerName),
    BUYER_SIRET("buyerSiret", "SIRET de l'acheteur", "SIRET du destinataire", Type.IDENTIFIER, false, InvoiceIndex::buyerSiret),
    ISSUE_DATE("issueDate", "Date de facture", null, Type.DATE, true, InvoiceIndex::issueDate),
    DUE_DATE("dueDate", "Date d'échéance", null, Type.DATE, false, InvoiceIndex::dueDate),
    TOTAL_HT("totalHt", "Total HT", null, Type.AMOUNT, true, InvoiceIndex::totalHt),
    TOTAL_TVA("totalTva", "Total TVA", null, Type.AMOUNT, true, InvoiceIndex::totalTva),
    TOTAL_TTC("totalTtc", "Total TTC", null, Type.AMOUNT, true, InvoiceIndex::totalTtc),
    CURRENCY("currency", "Devise", null, Type.CURRENCY, true, InvoiceIndex::currency),
    PURCHASE_ORDER_REFERENCE("purchaseOrderReference", "Bon de commande (engagement juridique)",
            "N° d'engagement juridique (bon de commande)", Type.TEXT, false,
            InvoiceIndex::purchaseOrderReference),
    SERVICE_CODE("serviceCode", "Code service", "Code service du destinataire", Type.TEXT, false, InvoiceIndex::serviceCode);

    /** How a field is typed on a form and read back from it. */
    public enum Type {
        /** free text, trimmed */
        TEXT,
        /** SIRET: spaces removed */
        IDENTIFIER,
        /** ISO date (a date-time's day) */
        DATE,
        /** ISO 4217 code, upper case */
        CURRENCY,
        /** an amount with two decimals, a decimal comma accepted */
        AMOUNT
    }

    private final String variable;
    private final String label;
    private final String emissionLabel;
    private final Type type;
    private final boolean mandatory;
    private final Function<InvoiceIndex, Object> value;

    IndexField(String variable, String label, String emissionLabel, Type type, boolean mandatory,
               Function<InvoiceIndex, Object> value) {
        this.variable = variable;
        this.label = label;
        this.emissionLabel = emissionLabel == null ? label : emissionLabel;
        this.type = type;
        this.mandatory = mandatory;
        this.value = value;
    }

    /** The name everywhere: invoice JSON, form field key, process variable, extraction field. */
    public String variable() {
        return variable;
    }

    /** The French label, as forms and pages show it ("N° de facture"). */
    public String label() {
        return label;
    }

    /** The label on an invoice Facteur emits, where we are the supplier ("Destinataire" for the buyer). */
    public String emissionLabel() {
        return emissionLabel;
    }

    public Type type() {
        return type;
    }

    /**
     * Validation needs it (an extraction doubtful on it asks a person to complete the indexing);
     * the supplier is needed too, identified by its SIRET or its VAT number (either one).
     */
    public boolean mandatory() {
        return mandatory;
    }

    /** This field's value in an index. */
    public Object valueIn(InvoiceIndex index) {
        return value.apply(index);
    }

    public static Optional<IndexField> byVariable(String variable) {
        return Arrays.stream(values()).filter(field -> field.variable.equals(variable)).findFirst();
    }

    /** The French label of a field name, or the name itself for a name outside the catalogue. */
    public static String labelOf(String variable) {
        return byVariable(variable).map(IndexField::label).orElse(variable);
    }

    /** "N° de facture, Total TTC" for field names, as messages to people list them. */
    public static String labels(List<String> variables) {
        return String.join(", ", variables.stream().map(IndexField::labelOf).toList());
    }

    public static List<String> variables() {
        return Arrays.stream(values()).map(IndexField::variable).toList();
    }

    /**
     * Reads a value as a person or a client typed it (text, numbers, ISO dates, a decimal comma):
     * the type this field has in {@link InvoiceIndex}; null for an empty value.
     */
    public Object read(Object raw) {
        if (raw == null || raw.toString().isBlank()) {
            return null;
        }
        String text = raw.toString().strip();
        return switch (type) {
            case TEXT -> text;
            case IDENTIFIER -> text.replaceAll("\\s", "");
            case CURRENCY -> text.toUpperCase(Locale.ROOT);
            case DATE -> LocalDate.parse(text.substring(0, Math.min(10, text.length())));
            case AMOUNT -> new BigDecimal(text.replace(',', '.')).setScale(2, RoundingMode.HALF_UP);
        };
    }

    /**
     * The value a form shows for this field: ISO text for a date (Camunda Forms' date picker), a
     * number for an amount, the text otherwise.
     */
    public Object formValue(InvoiceIndex index) {
        Object value = valueIn(index);
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof BigDecimal amount) {
            return amount.doubleValue();
        }
        return value;
    }

    /** The form variables of an index: every field, by its name, as {@link #formValue} gives it. */
    public static Map<String, Object> formVariables(InvoiceIndex index) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (IndexField field : values()) {
            variables.put(field.variable, field.formValue(index));
        }
        return variables;
    }

    /** An index from values read field by field ({@code values.apply(field)} already {@link #read}). */
    public static InvoiceIndex index(Function<IndexField, Object> values) {
        return new InvoiceIndex(
                (String) values.apply(SUPPLIER_NAME), (String) values.apply(SUPPLIER_SIRET),
                (String) values.apply(SUPPLIER_VAT_NUMBER), (String) values.apply(BUYER_NAME),
                (String) values.apply(BUYER_SIRET), (String) values.apply(INVOICE_NUMBER),
                (LocalDate) values.apply(ISSUE_DATE), (LocalDate) values.apply(DUE_DATE),
                (String) values.apply(CURRENCY), (BigDecimal) values.apply(TOTAL_HT),
                (BigDecimal) values.apply(TOTAL_TVA), (BigDecimal) values.apply(TOTAL_TTC),
                (String) values.apply(PURCHASE_ORDER_REFERENCE), (String) values.apply(SERVICE_CODE));
    }
}
