package fr.facteur.workflow.reception;

import fr.facteur.extraction.ExtractionProperties;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.ReadingMarks;
import fr.facteur.process.ProcessVariables;
import fr.facteur.process.ReceptionContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating {@code Task_ValidateInvoice} or {@code Task_CompleteIndexing}: what the person should
 * know of how the fields were read — where from, which fields were read with a low confidence, and
 * which ones a check proves ({@link ReadingMarks}, which Tasklist also shows beside each field).
 * A variable of the task alone ({@code readingNotes}): it goes with the task.
 */
@Component
public class ReadingNotesListener implements TaskListener {

    private final InvoiceService invoices;
    private final InvoiceExtractions extractions;
    private final ExtractionProperties properties;

    public ReadingNotesListener(InvoiceService invoices, InvoiceExtractions extractions,
                                ExtractionProperties properties) {
        this.invoices = invoices;
        this.extractions = extractions;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        long invoiceId = ProcessVariables.invoiceId(task.getExecution());
        Invoice invoice = invoices.get(invoiceId);
        task.setVariableLocal(ReceptionContract.READING_NOTES.name(), notes(invoice.index(),
                invoice.channel() == Channel.CHORUS, extractions.find(invoiceId), properties.minConfidence()));
    }

    /** The notes, one per line, in French. */
    static String notes(InvoiceIndex index, boolean fromChorus, Optional<InvoiceExtractions.StoredExtraction> reading,
                        double minConfidence) {
        List<String> lines = new ArrayList<>();
        if (reading.isEmpty()) {
            lines.add(fromChorus ? "- Lecture : données reçues de Chorus Pro (aucune lecture du document)."
                    : "- Lecture : aucune (document illisible) : saisissez les champs d'après le document.");
        } else {
            ExtractionSource source = ExtractionSource.valueOf(reading.get().source());
            lines.add("- Lecture : " + switch (source) {
                case FACTURX, ZUGFERD, CII, UBL -> "données structurées (" + source + "), lues telles quelles.";
                case PIVOT -> "données de Chorus Pro, comparées à son fichier PIVOT.";
                case TEXT -> "texte du PDF (sans données structurées) : vérifiez les champs signalés.";
                case OCR -> "OCR d'une image ou d'un scan : vérifiez les champs signalés.";
            });
            List<String> doubtful = ReadingMarks.doubtful(reading, minConfidence).entrySet().stream()
                    .map(field -> field.getKey().label() + " (" + Math.round(field.getValue() * 100) + " %)")
                    .sorted().toList();
            if (!doubtful.isEmpty()) {
                lines.add("- ⚠ Lu avec une confiance faible : " + String.join(", ", doubtful) + ".");
            }
        }
        List<String> proven = ReadingMarks.proofs(index).stream().map(ReadingMarks.Proof::text).toList();
        lines.add(proven.isEmpty() ? "- Aucun champ prouvé par un contrôle : vérifiez-les tous."
                : "- ✓ Vérifié : " + String.join(", ", proven) + ".");
        return String.join("\n", lines);
    }
}
