package fr.facteur.workflow.reception;

import fr.facteur.invoice.FrenchText;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceDeadlines;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.process.ProcessVariables;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating a task of the reception circuit: the task says which invoice it is. Its name gets
 * the invoice number, supplier and amount TTC ("Valider la facture — F-2026-118 · ACME SARL ·
 * 1 200,00 €"), its description (after the model's documentation) the whole line with the
 * deadline, and its due date is the end of
 * the last day of the délai global de paiement, so that Tasklist sorts by it and shows late ones.
 */
@Component
public class InvoiceCaptionListener implements TaskListener {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final InvoiceService invoices;
    private final InvoiceDeadlines deadlines;

    public InvoiceCaptionListener(InvoiceService invoices, InvoiceDeadlines deadlines) {
        this.invoices = invoices;
        this.deadlines = deadlines;
    }

    @Override
    public void notify(DelegateTask task) {
        Invoice invoice = invoices.get(ProcessVariables.invoiceId(task.getExecution()));
        LocalDate dueOn = deadlines.of(invoice).dueOn();
        String caption = caption(invoice.index());
        if (!caption.isEmpty()) {
            task.setName(baseName(task) + " — " + caption);
        }
        String documentation = task.getDescription();
        task.setDescription((documentation == null || documentation.isBlank() ? "" : documentation + "\n\n")
                + description(invoice, dueOn));
        task.setDueDate(Date.from(dueOn.atTime(LocalTime.MAX).atZone(PARIS).toInstant()));
    }

    /** The model's name of the task (a task created again must not get a second caption). */
    private static String baseName(DelegateTask task) {
        String name = task.getName() == null ? "" : task.getName();
        int cut = name.indexOf(" — ");
        return cut < 0 ? name : name.substring(0, cut);
    }

    /** "F-2026-118 · ACME SARL · 1 200,00 €", what is known of it. */
    static String caption(InvoiceIndex index) {
        List<String> parts = new ArrayList<>();
        if (index.invoiceNumber() != null) {
            parts.add(index.invoiceNumber());
        }
        if (index.supplierName() != null) {
            parts.add(index.supplierName());
        }
        if (index.totalTtc() != null) {
            parts.add(FrenchText.euros(index.totalTtc()));
        }
        return String.join(" · ", parts);
    }

    private static String description(Invoice invoice, LocalDate dueOn) {
        InvoiceIndex index = invoice.index();
        return "Facture " + (index.invoiceNumber() == null ? "sans numéro lu" : index.invoiceNumber())
                + (index.supplierName() == null ? "" : " de " + index.supplierName())
                + (index.supplierSiret() == null ? "" : " (SIRET " + index.supplierSiret() + ")")
                + (index.totalTtc() == null ? "" : ", " + FrenchText.euros(index.totalTtc()) + " TTC")
                + ", reçue le " + FrenchText.day(invoice.receivedOn())
                + " — délai global de paiement : " + FrenchText.day(dueOn) + ".";
    }
}
