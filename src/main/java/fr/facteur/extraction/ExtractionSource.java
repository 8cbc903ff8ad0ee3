package fr.facteur.extraction;

/** Where the fields of an extraction came from, in the pipeline's order of preference. */
public enum ExtractionSource {
    /** Factur-X: CII embedded in a PDF/A-3 as {@code factur-x.xml}. */
    FACTURX,
    /** ZUGFeRD 1.x/2.x or XRechnung: CII embedded in a PDF under another name. */
    ZUGFERD,
    /** A standalone UN/CEFACT Cross Industry Invoice. */
    CII,
    /** A standalone UBL 2.1 Invoice or CreditNote. */
    UBL,
    /** Chorus Pro's PIVOT file of a received invoice ({@code CPPFacturePivot}). */
    PIVOT,
    /** The text layer of a PDF. */
    TEXT,
    /** Tesseract on rendered pages or images. */
    OCR;

    public boolean isStructured() {
        return this != TEXT && this != OCR;
    }
}
