package fr.facteur.extraction;

import fr.facteur.extraction.PageText.Word;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.Tesseract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tesseract 5 through tess4j: one engine per OCR thread (an engine is not thread-safe), LSTM
 * models, the configured languages and page-segmentation mode. Parallelism comes from pages, not
 * from OpenMP inside Tesseract: run the JVM with {@code OMP_THREAD_LIMIT=1}.
 */
@Component
public class OcrEngine {

    private static final Logger log = LoggerFactory.getLogger(OcrEngine.class);
    private static final int LSTM_ONLY = 1;

    private final BlockingQueue<Tesseract> engines;
    private final ExtractionProperties properties;

    public OcrEngine(ExtractionProperties properties) {
        this.properties = properties;
        int threads = Math.max(1, properties.ocrThreads());
        this.engines = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            engines.add(newEngine());
        }
        if (!"1".equals(System.getenv("OMP_THREAD_LIMIT"))) {
            log.warn("OMP_THREAD_LIMIT is not 1: Tesseract's OpenMP threads will compete and OCR will be several times slower");
        }
    }

    private Tesseract newEngine() {
        Tesseract tesseract = new Tesseract();
        tesseract.setDatapath(properties.tessdata().toString());
        tesseract.setLanguage(properties.languages());
        tesseract.setOcrEngineMode(LSTM_ONLY);
        tesseract.setPageSegMode(properties.pageSegmentation());
        tesseract.setVariable("user_defined_dpi", String.valueOf(properties.dpi()));
        return tesseract;
    }

    /** A page image and its resolution, which Tesseract is told (it sizes its expectations of the text by it). */
    public record Page(BufferedImage image, int dpi) {
    }

    /** The words Tesseract reads on one page image at the configured resolution. */
    public List<Word> read(BufferedImage image) {
        return read(new Page(image, properties.dpi()));
    }

    /** The words Tesseract reads on one page image, with boxes and confidence (0–1). */
    public List<Word> read(Page page) {
        BufferedImage image = page.image();
        Tesseract tesseract;
        try {
            tesseract = engines.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("OCR interrompu", e);
        }
        try {
            tesseract.setVariable("user_defined_dpi", String.valueOf(page.dpi()));
            List<Word> words = new ArrayList<>();
            for (net.sourceforge.tess4j.Word word : tesseract.getWords(image, TessPageIteratorLevel.RIL_WORD)) {
                Rectangle box = word.getBoundingBox();
                String text = word.getText().strip();
                if (!text.isEmpty()) {
                    words.add(new Word(text, box.x, box.y, box.x + box.width, box.y + box.height,
                            word.getConfidence() / 100.0));
                }
            }
            return words;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new OcrUnavailableException("Tesseract n'est pas installé ou ne peut pas être chargé : " + e.getMessage(), e);
        } finally {
            engines.add(tesseract);
        }
    }

    public int threads() {
        return Math.max(1, properties.ocrThreads());
    }
}
