package fr.facteur.workflow;

import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SaveIndexing} "Enregistrer l'indexation": writes the fields a person completed in
 * "Compléter l'indexation" to the invoice record (they win over what was extracted).
 */
@Component
public class SaveIndexingDelegate implements JavaDelegate {

    static final List<String> FORM_FIELDS = List.of("supplierName", "supplierSiret", "supplierVatNumber", "buyerName",
            "buyerSiret", "invoiceNumber", "issueDate", "dueDate", "currency", "totalHt", "totalTva", "totalTtc",
            "purchaseOrderReference");

    private final InvoiceService invoices;
    private final IdentityService identityService;

    public SaveIndexingDelegate(InvoiceService invoices, IdentityService identityService) {
        this.invoices = invoices;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        InvoiceIndex known = invoices.get(invoiceId).index();
        InvoiceIndex entered = new InvoiceIndex(
                text(execution, "supplierName"), digits(execution, "supplierSiret"), text(execution, "supplierVatNumber"),
                text(execution, "buyerName"), digits(execution, "buyerSiret"), text(execution, "invoiceNumber"),
                date(execution, "issueDate"), date(execution, "dueDate"), text(execution, "currency"),
                amount(execution, "totalHt"), amount(execution, "totalTva"), amount(execution, "totalTtc"),
                text(execution, "purchaseOrderReference"), known.serviceCode());
        // runs right after "Compléter l'indexation" is completed: each correction names who made it
        invoices.updateIndex(invoiceId, entered, Actors.current(identityService));
        execution.setVariable(ProcessVariables.INDEXING_COMPLETE, true);
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String digits(DelegateExecution execution, String name) {
        String value = text(execution, name);
        return value == null ? null : value.replaceAll("\\s", "");
    }

    private static LocalDate date(DelegateExecution execution, String name) {
        String value = text(execution, name);
        return value == null ? null : LocalDate.parse(value.substring(0, Math.min(10, value.length())));
    }

    private static BigDecimal amount(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return new BigDecimal(value.toString().replace(',', '.')).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
