package fr.facteur.extraction;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facteur.extraction.*}: how documents are read.
 *
 * @param tessdata          Tesseract's language data folder
 * @param languages         Tesseract languages, {@code fra+eng}
 * @param pageSegmentation  Tesseract page-segmentation mode: 11 (sparse text) finds the text of boxed
 *                          headers and table cells that 3 (automatic layout) drops, and is faster; the
 *                          lines are rebuilt from the word boxes anyway
 * @param dpi               resolution PDF pages are rendered at for OCR
 * @param ocrThreads        pages recognised at once (one Tesseract per thread; keep OMP_THREAD_LIMIT=1)
 * @param maxOcrPages       pages recognised at most per document (the rest is reported as a warning)
 * @param maxTextPages      pages of text layer read at most per document
 * @param maxImagePixels    larger images are refused (a 20,000 × 20,000 image would need 1.6 GB)
 * @param ocrImagePixels    larger images are scaled down to this before OCR
 * @param minConfidence     below this, a mandatory field sends the invoice to "Compléter l'indexation"
 * @param minScanDpi        a PDF page that is one scanned image of at least this resolution is read
 *                          at its own resolution (capped at {@code dpi}); below it, upscaled to {@code dpi}
 */
@ConfigurationProperties("facteur.extraction")
public record ExtractionProperties(
        @DefaultValue("/usr/share/tesseract-ocr/5/tessdata") Path tessdata,
        @DefaultValue("fra+eng") String languages,
        @DefaultValue("11") int pageSegmentation,
        @DefaultValue("300") int dpi,
        @DefaultValue("2") int ocrThreads,
        @DefaultValue("20") int maxOcrPages,
        @DefaultValue("200") int maxTextPages,
        @DefaultValue("100000000") long maxImagePixels,
        @DefaultValue("12000000") long ocrImagePixels,
        @DefaultValue("0.8") double minConfidence,
        @DefaultValue("200") int minScanDpi) {

    @ConstructorBinding
    public ExtractionProperties {
    }

    /** The settings with the default scan threshold (200 dpi). */
    public ExtractionProperties(Path tessdata, String languages, int pageSegmentation, int dpi, int ocrThreads,
                                int maxOcrPages, int maxTextPages, long maxImagePixels, long ocrImagePixels,
                                double minConfidence) {
        this(tessdata, languages, pageSegmentation, dpi, ocrThreads, maxOcrPages, maxTextPages, maxImagePixels,
                ocrImagePixels, minConfidence, 200);
    }
}
