package fr.facteur.extraction;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Scores a branch of the pipeline on the corpus PDFs: per truth field, how many of the values
 * printed on the page ({@code found_in_text_layer}) came out right.
 */
public final class CorpusEvaluation {

    /** Confidence bands of the calibration report: lower bounds, highest first. */
    private static final double[] BANDS = {0.9, 0.8, 0.5, 0.0};

    /** Right and scored counts per field, plus the misses for the report, and the calibration of the confidences. */
    public static final class Score {
        public final Map<String, int[]> perField = new LinkedHashMap<>();
        public final List<String> misses = new ArrayList<>();
        /** Per band of {@link #BANDS}: values given, values right. */
        private final int[][] perBand = new int[BANDS.length][2];
        public final List<String> confidentMisses = new ArrayList<>();

        void given(double confidence, boolean right, String what) {
            for (int band = 0; band < BANDS.length; band++) {
                if (confidence >= BANDS[band]) {
                    perBand[band][0]++;
                    perBand[band][1] += right ? 1 : 0;
                    if (band == 0 && !right) {
                        confidentMisses.add(what + String.format(" (confidence %.2f)", confidence));
                    }
                    return;
                }
            }
        }

        /** Share right among the values given with a confidence of at least 0.9. */
        public double rightAtHighConfidence() {
            return perBand[0][0] == 0 ? 1 : (double) perBand[0][1] / perBand[0][0];
        }

        /**
         * How often a value given with a confidence in each band is right (values given only: a
         * field left empty is a miss of the per-field figures, not of the calibration).
         */
        public String calibration() {
            StringBuilder text = new StringBuilder("  calibration (values given, by confidence):\n");
            for (int band = 0; band < BANDS.length; band++) {
                String range = band == 0 ? String.format("%.2f – 1.00", BANDS[0])
                        : String.format("%.2f – %.2f", BANDS[band], BANDS[band - 1]);
                int given = perBand[band][0];
                text.append(String.format("    %-12s %4d values, %4d right  %s%n", range, given, perBand[band][1],
                        given == 0 ? "—" : String.format("%5.1f %%", 100.0 * perBand[band][1] / given)));
            }
            confidentMisses.forEach(miss -> text.append("    wrong with high confidence: ").append(miss).append('\n'));
            return text.toString();
        }

        void count(String field, boolean right) {
            int[] counts = perField.computeIfAbsent(field, f -> new int[2]);
            counts[1]++;
            if (right) {
                counts[0]++;
            }
        }

        public int right() {
            return perField.values().stream().mapToInt(c -> c[0]).sum();
        }

        public int scored() {
            return perField.values().stream().mapToInt(c -> c[1]).sum();
        }

        public double accuracy() {
            return scored() == 0 ? 0 : (double) right() / scored();
        }

        public String report() {
            StringBuilder text = new StringBuilder();
            perField.forEach((field, c) -> text.append(String.format("  %-16s %3d / %3d  %5.1f %%%n", field, c[0], c[1],
                    100.0 * c[0] / c[1])));
            text.append(String.format("  %-16s %3d / %3d  %5.1f %%%n", "ALL", right(), scored(), 100 * accuracy()));
            text.append(calibration());
            return text.toString();
        }
    }

    private CorpusEvaluation() {
    }

    public static Score score(List<Corpus.Entry> entries, Function<Corpus.Entry, Extraction> branch) {
        Score score = new Score();
        for (Corpus.Entry entry : entries) {
            Extraction extraction = branch.apply(entry);
            for (Map.Entry<String, String> field : Corpus.FIELDS.entrySet()) {
                String expected = entry.expected(field.getKey());
                if (expected == null || !entry.printed(field.getKey())) {
                    continue;
                }
                String actual = extraction.value(field.getValue());
                boolean right = Corpus.matches(field.getKey(), expected, actual);
                score.count(field.getKey(), right);
                if (actual != null) {
                    score.given(extraction.confidence(field.getValue()), right, entry.name() + " " + field.getKey()
                            + " «" + actual + "»" + (right ? "" : " instead of «" + expected + "»"));
                }
                if (!right) {
                    score.misses.add(entry.name() + " " + field.getKey() + ": expected «" + expected + "» got «" + actual + "»");
                }
            }
        }
        return score;
    }

    public static List<Corpus.Entry> pdfs() {
        return Corpus.entries().stream().filter(Corpus.Entry::isPdf).toList();
    }

    /** The pages of a PDF as PNG images, like a scanner or {@code pdftoppm -png} would give them. */
    public static List<byte[]> renderPng(byte[] pdf, int dpi) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<byte[]> pages = new ArrayList<>();
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, dpi, ImageType.GRAY);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                pages.add(png.toByteArray());
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
