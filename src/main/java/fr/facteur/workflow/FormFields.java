package fr.facteur.workflow;

import fr.facteur.invoice.IndexField;
import fr.facteur.invoice.InvoiceIndex;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads the index fields a person entered in a Camunda Form (or a client through
 * {@code /engine-rest}): variables named like the invoice JSON, typed loosely (text, numbers,
 * ISO dates, amounts with a decimal comma).
 */
final class FormFields {

    private FormFields() {
    }

    /** The index as entered, field by field as the catalogue reads it; {@code serviceCode} only when {@code withServiceCode}. */
    static InvoiceIndex index(VariableScope scope, InvoiceIndex known, boolean withServiceCode) {
        return IndexField.index(field -> field == IndexField.SERVICE_CODE && !withServiceCode
                ? known.serviceCode() : field.read(scope.getVariable(field.variable())));
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
