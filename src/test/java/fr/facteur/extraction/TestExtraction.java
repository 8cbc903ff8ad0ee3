package fr.facteur.extraction;

import java.nio.file.Path;

/** Extraction settings as the application defaults them. */
public final class TestExtraction {

    private TestExtraction() {
    }

    private static ExtractionService service;

    /** One real pipeline (real Tesseract) shared by the tests of a JVM: engines are costly to create. */
    public static synchronized ExtractionService service() {
        if (service == null) {
            service = new ExtractionService(new OcrEngine(properties()), properties());
        }
        return service;
    }

    /** The defaults; {@code -Docr.psm=3} (through {@code -DargLine}) compares another segmentation mode. */
    public static ExtractionProperties properties() {
        return new ExtractionProperties(Path.of("/usr/share/tesseract-ocr/5/tessdata"), "fra+eng",
                Integer.getInteger("ocr.psm", 11), 300, 2, 20, 200,
                100_000_000L, 12_000_000L, 0.8);
    }
}
