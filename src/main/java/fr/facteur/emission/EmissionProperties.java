package fr.facteur.emission;

import fr.facteur.extraction.FacturXWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The emission circuit's settings ({@code facteur.emission.*}).
 *
 * @param reportPoll    how often the deposit report of a flux is read until Chorus Pro integrates or
 *                      rejects it
 * @param statusPoll    how often the status of a sent invoice is read until it is paid or rejected
 * @param silenceLimit  how long Facteur keeps following an invoice whose status does not change
 *                      (some recipients never report payment); then it stops, visibly
 * @param depositMode   {@code FLUX} (structured file: Factur-X, CII, UBL) or {@code PDF} (the PDF and
 *                      the confirmed data, {@code soumettre} in {@code DEPOT_PDF_API} mode)
 * @param sellers       the suppliers our account emits for, by SIRET: what a conforming invoice needs
 *                      that an invoice's confirmed fields do not say (address, VAT number, bank account)
 * @param legalNotes    the legal notes every emitted invoice carries (BR-FR-05), unless its seller
 *                      has its own
 */
@ConfigurationProperties(prefix = "facteur.emission")
public record EmissionProperties(
        @DefaultValue("PT5M") Duration reportPoll,
        @DefaultValue("PT1H") Duration statusPoll,
        @DefaultValue("P90D") Duration silenceLimit,
        @DefaultValue("FLUX") EmissionAttempts.Mode depositMode,
        Map<String, Seller> sellers,
        LegalNotes legalNotes) {

    @ConstructorBinding
    public EmissionProperties {
        sellers = sellers == null ? Map.of() : Map.copyOf(sellers);
    }

    /** The timings and mode only (no seller configured, default legal notes). */
    public EmissionProperties(Duration reportPoll, Duration statusPoll, Duration silenceLimit,
                              EmissionAttempts.Mode depositMode) {
        this(reportPoll, statusPoll, silenceLimit, depositMode, Map.of(), LegalNotes.DEFAULT);
    }

    /**
     * A seller's details ({@code facteur.emission.sellers.<SIRET>.*}).
     *
     * @param name       its name, when an invoice's confirmed fields have none
     * @param vatNumber  its intra-community VAT number (FR + key + SIREN), required on a standard-rated
     *                   invoice (BR-S-02) when the invoice does not carry it
     * @param legalNotes its own legal notes; each text left out is the platform's
     */
    public record Seller(String name, String vatNumber, String street, String postcode, String city,
                         @DefaultValue("FR") String country, String iban, String bic, LegalNotes legalNotes) {
    }

    /**
     * The three legal notes of a French invoice (Code de commerce L441-9, BR-FR-05), as printed and
     * written in the XML's notes under their subject codes.
     *
     * @param recoveryCosts the fixed compensation for recovery costs (PMT)
     * @param latePenalties the late-payment interest (PMD)
     * @param discount      the discount for early payment, or that there is none (AAB)
     */
    public record LegalNotes(String recoveryCosts, String latePenalties, String discount) {

        /** The texts used where neither the seller nor the platform's configuration gives one. */
        static final LegalNotes DEFAULT = new LegalNotes(
                "En cas de retard de paiement, une indemnité forfaitaire pour frais de recouvrement de 40 € est due "
                        + "(code de la commande publique, art. L2192-13 et D2192-35 ; code de commerce, art. L441-10).",
                "En cas de retard de paiement, des intérêts moratoires sont dus au taux de la Banque centrale "
                        + "européenne majoré de huit points (code de la commande publique, art. R2192-31).",
                "Pas d'escompte pour paiement anticipé.");
    }

    /** What the invoice writer knows of the seller of this SIRET: its configuration, the platform's notes. */
    public FacturXWriter.Seller seller(String siret) {
        Seller seller = siret == null ? null : sellers.get(siret.replace(" ", ""));
        LegalNotes own = seller == null ? null : seller.legalNotes();
        String pmt = note(own, legalNotes, LegalNotes::recoveryCosts);
        String pmd = note(own, legalNotes, LegalNotes::latePenalties);
        String aab = note(own, legalNotes, LegalNotes::discount);
        if (seller == null) {
            return new FacturXWriter.Seller(null, null, null, null, null, "FR", null, null, pmt, pmd, aab);
        }
        return new FacturXWriter.Seller(seller.name(), seller.vatNumber(), seller.street(), seller.postcode(),
                seller.city(), seller.country(), seller.iban(), seller.bic(), pmt, pmd, aab);
    }

    /** The seller's own text, else the platform's, else the default. */
    private static String note(LegalNotes own, LegalNotes platform, Function<LegalNotes, String> text) {
        for (LegalNotes notes : new LegalNotes[] {own, platform, LegalNotes.DEFAULT}) {
            if (notes != null && text.apply(notes) != null && !text.apply(notes).isBlank()) {
                return text.apply(notes);
            }
        }
        return null;
    }
}
