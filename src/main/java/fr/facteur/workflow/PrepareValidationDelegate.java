package fr.facteur.workflow;

import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PrepareValidation} "Préparer la validation": puts the invoice in status "À valider"
 * and copies its index fields into variables for the validation form (values, never documents).
 */
@Component
public class PrepareValidationDelegate implements JavaDelegate {

    private final InvoiceService invoices;

    public PrepareValidationDelegate(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long invoiceId = ProcessVariables.invoiceId(execution);
        Invoice invoice = invoices.changeStatus(invoiceId, InvoiceStatus.TO_VALIDATE, Actors.SYSTEM, null);
        execution.setVariables(formVariables(invoice));
        invoices.mainDocumentId(invoiceId).ifPresent(id -> execution.setVariable(ProcessVariables.DOCUMENT_ID, id));
    }

    /** Named like the invoice JSON, so forms and REST clients use one vocabulary. */
    static Map<String, Object> formVariables(Invoice invoice) {
        InvoiceIndex ix = invoice.index();
        Map<String, Object> variables = new HashMap<>();
        variables.put("invoiceNumber", ix.invoiceNumber());
        variables.put("supplierName", ix.supplierName());
        variables.put("supplierSiret", ix.supplierSiret());
        variables.put("supplierVatNumber", ix.supplierVatNumber());
        variables.put("buyerName", ix.buyerName());
        variables.put("buyerSiret", ix.buyerSiret());
        variables.put("issueDate", isoDate(ix.issueDate()));
        variables.put("dueDate", isoDate(ix.dueDate()));
        variables.put("currency", ix.currency());
        variables.put("totalHt", amount(ix.totalHt()));
        variables.put("totalTva", amount(ix.totalTva()));
        variables.put("totalTtc", amount(ix.totalTtc()));
        variables.put("purchaseOrderReference", ix.purchaseOrderReference());
        variables.put("serviceCode", ix.serviceCode());
        variables.put("channel", invoice.channel().name());
        return variables;
    }

    private static String isoDate(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Double amount(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
