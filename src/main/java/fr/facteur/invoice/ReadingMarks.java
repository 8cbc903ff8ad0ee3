package fr.facteur.invoice;

import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.ExtractionProperties;
import fr.facteur.identifiers.Siret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the person checking an invoice should know of each field: read with a low confidence (check it
 * against the document), or proven by a check of the invoice itself (amounts that add up, SIRET keys,
 * a VAT number that matches the SIREN). Shown beside each field in Tasklist and summed up in the
 * task's reading notes.
 */
@Component
public class ReadingMarks {

    public enum Level { DOUBTFUL, PROVEN }

    /** A check that holds on this invoice, and the fields it proves. */
    public record Proof(List<String> fields, String text) {
    }

    /** One field's mark: {@code confidence} is the reading's, when the field was read from the document. */
    public record FieldMark(String field, String label, Level level, String text, Double confidence) {
    }

    /** How the invoice was read ({@code source} null when it was not: Chorus Pro data, unreadable) and its marks. */
    public record Reading(String source, List<FieldMark> marks) {
    }

    private final InvoiceService invoices;
    private final InvoiceExtractions extractions;
    private final ExtractionProperties properties;

    public ReadingMarks(InvoiceService invoices, InvoiceExtractions extractions, ExtractionProperties properties) {
        this.invoices = invoices;
        this.extractions = extractions;
        this.properties = properties;
    }

    public Reading of(long invoiceId) {
        Optional<InvoiceExtractions.StoredExtraction> reading = extractions.find(invoiceId);
        return new Reading(reading.map(InvoiceExtractions.StoredExtraction::source).orElse(null),
                marks(invoices.get(invoiceId).index(), reading, properties.minConfidence()));
    }

    /** The checks that hold on this index, in the order people read them. */
    public static List<Proof> proofs(InvoiceIndex index) {
        List<Proof> proofs = new ArrayList<>();
        if (InvoiceChecks.amountsAddUp(index.totalHt(), index.totalTva(), index.totalTtc())) {
            proofs.add(new Proof(List.of("totalHt", "totalTva", "totalTtc"), "montants cohérents (HT + TVA = TTC)"));
        }
        if (Siret.isValidSiret(index.supplierSiret())) {
            proofs.add(new Proof(List.of("supplierSiret"), "SIRET du fournisseur valide (clé de Luhn)"));
        }
        if (Siret.isValidSiret(index.buyerSiret())) {
            proofs.add(new Proof(List.of("buyerSiret"), "SIRET de l'acheteur valide"));
        }
        if (Siret.isFrenchVatOf(index.supplierVatNumber(), index.supplierSiret())) {
            proofs.add(new Proof(List.of("supplierVatNumber"), "n° de TVA du fournisseur cohérent avec son SIREN"));
        }
        return proofs;
    }

    /** The fields of the index read below {@code minConfidence}, with their confidence. */
    public static Map<IndexField, Double> doubtful(Optional<InvoiceExtractions.StoredExtraction> reading,
                                                   double minConfidence) {
        Map<IndexField, Double> doubtful = new LinkedHashMap<>();
        reading.ifPresent(stored -> {
            for (Map.Entry<String, ExtractedField> field : stored.fields().entrySet()) {
                Optional<IndexField> known = IndexField.byVariable(field.getKey());
                if (known.isPresent() && field.getValue().confidence() < minConfidence) {
                    doubtful.put(known.get(), field.getValue().confidence());
                }
            }
        });
        return doubtful;
    }

    /** One mark per field that has one; a proof outweighs a low confidence (the check holds whatever the reading). */
    static List<FieldMark> marks(InvoiceIndex index, Optional<InvoiceExtractions.StoredExtraction> reading,
                                 double minConfidence) {
        Map<String, FieldMark> marks = new LinkedHashMap<>();
        doubtful(reading, minConfidence).forEach((field, confidence) -> marks.put(field.variable(),
                new FieldMark(field.variable(), field.label(), Level.DOUBTFUL,
                        "lu avec une confiance de " + Math.round(confidence * 100) + " % : à vérifier", confidence)));
        for (Proof proof : proofs(index)) {
            for (String variable : proof.fields()) {
                Double confidence = reading.map(stored -> stored.fields().get(variable))
                        .map(ExtractedField::confidence).orElse(null);
                marks.put(variable, new FieldMark(variable, IndexField.labelOf(variable), Level.PROVEN,
                        "vérifié : " + proof.text(), confidence));
            }
        }
        return List.copyOf(marks.values());
    }
}
