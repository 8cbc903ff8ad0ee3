package fr.facteur.capture;

import fr.facteur.chorus.StructureDirectory;
import fr.facteur.extraction.ExtractedField;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.InvoiceField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The buyer's name of a document read from its text or by OCR, confirmed by Chorus Pro's
 * directory of public structures: when the buyer's SIRET was read (Luhn-valid) and Chorus Pro
 * knows a structure with exactly that SIRET, its name there replaces a name read with less than
 * {@value #SURE} confidence, or fills a missing one, at {@value #FROM_DIRECTORY}: an OCR error
 * rarely makes a valid SIRET that a public structure has. Names printed without a label are the
 * weakest field of the text and OCR paths. Structured documents are left as they are.
 */
@Service
public class DirectoryNames {

    static final double SURE = 0.9;
    static final double FROM_DIRECTORY = 0.95;

    private final StructureDirectory directory;

    public DirectoryNames(StructureDirectory directory) {
        this.directory = directory;
    }

    public Extraction confirm(Extraction read) {
        if (read.source().isStructured()) {
            return read;
        }
        String siret = read.value(InvoiceField.BUYER_SIRET);
        if (siret == null) {
            return read;
        }
        String name = read.value(InvoiceField.BUYER_NAME);
        if (name != null && read.confidence(InvoiceField.BUYER_NAME) >= SURE) {
            return read;
        }
        Optional<String> known = directory.nameOf(siret);
        if (known.isEmpty()) {
            return read;
        }
        Map<String, ExtractedField> fields = new LinkedHashMap<>(read.fields());
        fields.put(InvoiceField.BUYER_NAME, new ExtractedField(known.get(), FROM_DIRECTORY, read.source()));
        List<String> warnings = new ArrayList<>(read.warnings());
        boolean same = name == null || name.toLowerCase(Locale.ROOT).equals(known.get().toLowerCase(Locale.ROOT));
        warnings.add("Nom de l'acheteur d'après l'annuaire des structures de Chorus Pro (SIRET " + siret + ") : "
                + known.get() + (same ? "." : " (lu : « " + name + " »)."));
        return new Extraction(read.source(), read.pages(), fields, warnings, read.text());
    }
}
