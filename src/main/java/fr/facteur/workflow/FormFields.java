package fr.facteur.workflow;

import fr.facteur.invoice.InvoiceIndex;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads the index fields a person entered in a Camunda Form (or a client through
 * {@code /engine-rest}): variables named like the invoice JSON, typed loosely (text, numbers,
 * ISO dates, amounts with a decimal comma).
 */
final class FormFields {

    private FormFields() {
    }

    /** The index as entered; {@code serviceCode} is taken from the form only when {@code withServiceCode}. */
    static InvoiceIndex index(VariableScope scope, InvoiceIndex known, boolean withServiceCode) {
        return new InvoiceIndex(
                text(scope, "supplierName"), digits(scope, "supplierSiret"), text(scope, "supplierVatNumber"),
                text(scope, "buyerName"), digits(scope, "buyerSiret"), text(scope, "invoiceNumber"),
                date(scope, "issueDate"), date(scope, "dueDate"), upper(scope, "currency"),
                amount(scope, "totalHt"), amount(scope, "totalTva"), amount(scope, "totalTtc"),
                text(scope, "purchaseOrderReference"), withServiceCode ? text(scope, "serviceCode") : known.serviceCode());
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String upper(VariableScope scope, String name) {
        String value = text(scope, name);
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    private static String digits(VariableScope scope, String name) {
        String value = text(scope, name);
        return value == null ? null : value.replaceAll("\\s", "");
    }

    private static LocalDate date(VariableScope scope, String name) {
        String value = text(scope, name);
        return value == null ? null : LocalDate.parse(value.substring(0, Math.min(10, value.length())));
    }

    private static BigDecimal amount(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return new BigDecimal(value.toString().replace(',', '.')).setScale(2, RoundingMode.HALF_UP);
    }
}
