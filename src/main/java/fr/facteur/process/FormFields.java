package fr.facteur.process;

import fr.facteur.invoice.IndexField;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceIndex;
import java.time.LocalDate;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The index fields of a Camunda Form: prefilled from the invoice record when a task is created,
 * and read back as a person entered them (or a client through {@code /engine-rest}): variables
 * named like the invoice JSON, typed loosely (text, numbers, ISO dates, amounts with a decimal comma).
 */
public final class FormFields {

    private FormFields() {
    }

    /** Prefills a form with the invoice record as it stands, its channel and its main document. */
    public static void prefill(VariableScope scope, Invoice invoice, Optional<Long> mainDocumentId) {
        ProcessVariables.setAll(scope, IndexField.formVariables(invoice.index()));
        ReceptionContract.CHANNEL.set(scope, invoice.channel().name());
        mainDocumentId.ifPresent(id -> ProcessVariables.set(scope, ProcessVariables.DOCUMENT_ID, id));
    }

    /** The index as entered, field by field as the catalogue reads it; {@code serviceCode} only when {@code withServiceCode}. */
    public static InvoiceIndex index(VariableScope scope, InvoiceIndex known, boolean withServiceCode) {
        return IndexField.index(field -> field == IndexField.SERVICE_CODE && !withServiceCode
                ? known.serviceCode() : field.read(scope.getVariable(field.variable())));
    }

    /**
     * A date entered on a form: "2026-12-03" (a Camunda Form date), or a date-time sent through
     * engine REST, which keeps its day; empty when blank.
     *
     * @throws java.time.format.DateTimeParseException when it is no date
     */
    public static Optional<LocalDate> day(Object value) {
        String text = value == null ? "" : value.toString().strip();
        return text.isEmpty() ? Optional.empty()
                : Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
    }

    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
