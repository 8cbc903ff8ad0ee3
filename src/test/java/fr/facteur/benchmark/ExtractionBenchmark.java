package fr.facteur.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.extraction.Corpus;
import fr.facteur.extraction.CorpusEvaluation;
import fr.facteur.extraction.Extraction;
import fr.facteur.extraction.ExtractionProperties;
import fr.facteur.extraction.ExtractionService;
import fr.facteur.extraction.GeneratedLayouts;
import fr.facteur.extraction.OcrEngine;
import fr.facteur.extraction.TestExtraction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Extraction accuracy and speed on the corpus (not part of {@code verify}; command in the README):
 * <ul>
 *   <li>structured path: every truth field of the 28 documents, exact;</li>
 *   <li>OCR path: each PDF's pages rendered to PNG at 200 and 300 dpi, read from the images only;
 *       per-field accuracy on the fields printed on the page; seconds per page through Facteur
 *       (one OCR thread, like the CLI, and with the configured threads), and in the same run the
 *       {@code tesseract} CLI on the same images — the ratio Facteur / CLI;</li>
 *   <li>scanned PDFs (each page one 200 dpi JPEG): read at the scan's own resolution against the
 *       former rendering at 300 dpi and against the CLI on the same pixels;</li>
 *   <li>text-layer path: seconds per page;</li>
 *   <li>generated documents, apart from the real ones: the corpus truth printed by three templates of
 *       ours ({@link GeneratedLayouts}) — layouts the parsers were not written for — through the
 *       text layer and, scanned, through OCR, per field and per confidence band.</li>
 * </ul>
 * Writes everything to {@code target/benchmark/extraction.txt}.
 */
class ExtractionBenchmark {

    private final StringBuilder report = new StringBuilder();

    @Test
    void accuracyAndSpeed() throws Exception {
        ExtractionProperties defaults = TestExtraction.properties();
        List<Corpus.Entry> pdfs = CorpusEvaluation.pdfs();
        int pageCount = 0;

        ExtractionService service = TestExtraction.service();
        CorpusEvaluation.Score structured = CorpusEvaluation.score(Corpus.entries(), entry -> service.extract(entry.bytes()));
        line("Structured path (Factur-X/ZUGFeRD/CII/UBL), 28 documents, fields printed or not:");
        int exact = 0;
        int fields = 0;
        for (Corpus.Entry entry : Corpus.entries()) {
            Extraction extraction = service.extract(entry.bytes());
            for (Map.Entry<String, String> field : Corpus.FIELDS.entrySet()) {
                String expected = entry.expected(field.getKey());
                if (expected != null) {
                    fields++;
                    exact += Corpus.matches(field.getKey(), expected, extraction.value(field.getValue())) ? 1 : 0;
                }
            }
        }
        line(String.format("  %d / %d truth fields exact (%.1f %%)", exact, fields, 100.0 * exact / fields));
        assertThat(structured.scored()).isPositive();

        long textNanos = 0;
        for (Corpus.Entry entry : pdfs) {
            long started = System.nanoTime();
            Extraction extraction = service.extract(entry.bytes(), ExtractionService.Stage.TEXT);
            textNanos += System.nanoTime() - started;
            pageCount += extraction.pages();
        }
        CorpusEvaluation.Score text = CorpusEvaluation.score(pdfs,
                entry -> service.extract(entry.bytes(), ExtractionService.Stage.TEXT));
        line("");
        line(String.format("Text-layer path, %d PDFs, %d pages: %.3f s per page; printed fields read right:", pdfs.size(),
                pageCount, textNanos / 1e9 / pageCount));
        report.append(text.report());

        ExtractionProperties oneThread = new ExtractionProperties(defaults.tessdata(), defaults.languages(),
                defaults.pageSegmentation(), defaults.dpi(), 1, defaults.maxOcrPages(), defaults.maxTextPages(),
                defaults.maxImagePixels(), defaults.ocrImagePixels(), defaults.minConfidence());
        ExtractionService single = new ExtractionService(new OcrEngine(oneThread), oneThread);
        for (int dpi : new int[] {200, 300}) {
            ocrPath(pdfs, dpi, single, service, defaults);
        }
        scannedPdfs(pdfs, single, oneThread);
        generatedLayouts(single);
        Path out = Path.of("target/benchmark/extraction.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private void ocrPath(List<Corpus.Entry> pdfs, int dpi, ExtractionService single, ExtractionService parallel,
                         ExtractionProperties defaults) throws Exception {
        Path dir = Files.createTempDirectory("ocr-" + dpi);
        Map<Corpus.Entry, List<byte[]>> images = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (Corpus.Entry entry : pdfs) {
            List<byte[]> pages = CorpusEvaluation.renderPng(entry.bytes(), dpi);
            images.put(entry, pages);
            for (int i = 0; i < pages.size(); i++) {
                Path file = dir.resolve(entry.name() + "-" + (i + 1) + ".png");
                Files.write(file, pages.get(i));
                files.add(file);
            }
        }
        // warm both up on one page: the first call loads the models
        single.fromImages(List.of(images.values().iterator().next().get(0)));
        tesseract(files.get(0));
        // user_defined_dpi is what Facteur tells Tesseract; the PNG files carry no resolution

        long facteurNanos = 0;
        Map<Corpus.Entry, Extraction> read = new LinkedHashMap<>();
        for (Map.Entry<Corpus.Entry, List<byte[]>> entry : images.entrySet()) {
            long started = System.nanoTime();
            read.put(entry.getKey(), single.fromImages(entry.getValue()));
            facteurNanos += System.nanoTime() - started;
        }
        long cliNanos = cliNanos(files);
        long parallelNanos = 0;
        for (List<byte[]> pages : images.values()) {
            long started = System.nanoTime();
            parallel.fromImages(pages);
            parallelNanos += System.nanoTime() - started;
        }
        CorpusEvaluation.Score score = CorpusEvaluation.score(pdfs, read::get);
        double facteur = facteurNanos / 1e9 / files.size();
        double cli = cliNanos / 1e9 / files.size();
        line("");
        line(String.format("OCR path at %d dpi, %d page images (%s, psm %d):", dpi, files.size(), defaults.languages(),
                defaults.pageSegmentation()));
        line(String.format("  Facteur, 1 OCR thread:   %.3f s per page", facteur));
        line(String.format("  tesseract CLI:           %.3f s per page", cli));
        line(String.format("  ratio Facteur / CLI:     %.3f (target <= 1.15)", facteur / cli));
        line(String.format("  Facteur, %d OCR threads:  %.3f s per page (wall clock)", defaults.ocrThreads(),
                parallelNanos / 1e9 / files.size()));
        line("  printed fields read right:");
        report.append(score.report());
        score.misses.forEach(miss -> line("    miss " + miss));
        System.out.print(report);
    }

    /**
     * Image-only PDFs as an office scanner sends them — each page one 200 dpi grey JPEG (quality 75)
     * filling the page — through {@code extract} (the OCR stage, as {@code POST /api/extractions}
     * does), against the CLI on the very pixels of those JPEGs; and in the same run the former way,
     * every page rendered again at 300 dpi before OCR (a scan threshold no page reaches).
     */
    private void scannedPdfs(List<Corpus.Entry> pdfs, ExtractionService single, ExtractionProperties oneThread)
            throws Exception {
        Path dir = Files.createTempDirectory("scans");
        Map<Corpus.Entry, byte[]> scans = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (Corpus.Entry entry : pdfs) {
            List<byte[]> jpegs = new ArrayList<>();
            for (byte[] png : CorpusEvaluation.renderPng(entry.bytes(), 200)) {
                jpegs.add(GeneratedLayouts.jpeg(ImageIO.read(new ByteArrayInputStream(png))));
            }
            scans.put(entry, GeneratedLayouts.imagePdf(jpegs, 200));
            for (int i = 0; i < jpegs.size(); i++) {
                // the CLI reads the JPEG's own pixels, decoded once to PNG: the same pixels as Facteur's
                Path file = dir.resolve(entry.name() + "-scan-" + (i + 1) + ".png");
                ImageIO.write(ImageIO.read(new ByteArrayInputStream(jpegs.get(i))), "png", file.toFile());
                files.add(file);
            }
        }
        ExtractionProperties always300 = new ExtractionProperties(oneThread.tessdata(), oneThread.languages(),
                oneThread.pageSegmentation(), oneThread.dpi(), 1, oneThread.maxOcrPages(), oneThread.maxTextPages(),
                oneThread.maxImagePixels(), oneThread.ocrImagePixels(), oneThread.minConfidence(), Integer.MAX_VALUE);
        ExtractionService former = new ExtractionService(new OcrEngine(always300), always300);
        single.extract(scans.values().iterator().next(), ExtractionService.Stage.OCR);
        former.extract(scans.values().iterator().next(), ExtractionService.Stage.OCR);

        Map<Corpus.Entry, Extraction> nativeRead = new LinkedHashMap<>();
        Map<Corpus.Entry, Extraction> formerRead = new LinkedHashMap<>();
        long nativeNanos = 0;
        long formerNanos = 0;
        for (Map.Entry<Corpus.Entry, byte[]> scan : scans.entrySet()) {
            long started = System.nanoTime();
            nativeRead.put(scan.getKey(), single.extract(scan.getValue(), ExtractionService.Stage.OCR));
            nativeNanos += System.nanoTime() - started;
            started = System.nanoTime();
            formerRead.put(scan.getKey(), former.extract(scan.getValue(), ExtractionService.Stage.OCR));
            formerNanos += System.nanoTime() - started;
        }
        long cliNanos = cliNanos(files);
        double cli = cliNanos / 1e9 / files.size();
        double atOwn = nativeNanos / 1e9 / files.size();
        double at300 = formerNanos / 1e9 / files.size();
        line("");
        line(String.format("Scanned PDFs (each page one 200 dpi grey JPEG q75), %d pages, through extract (OCR stage), "
                + "1 OCR thread:", files.size()));
        line(String.format("  read at the scan's own resolution: %.3f s per page, ratio / CLI %.3f (target <= 1.15)",
                atOwn, atOwn / cli));
        line(String.format("  rendered again at 300 dpi (before): %.3f s per page, ratio / CLI %.3f", at300, at300 / cli));
        line(String.format("  tesseract CLI on the same pixels:  %.3f s per page", cli));
        line("  printed fields read right, at the scan's own resolution:");
        report.append(CorpusEvaluation.score(pdfs, nativeRead::get).report());
        line("  printed fields read right, rendered again at 300 dpi:");
        report.append(CorpusEvaluation.score(pdfs, formerRead::get).report());
        System.out.print(report);
    }

    /**
     * The corpus truth printed by templates of our own (other wordings, languages, formats, places)
     * and scanned: layouts the parsers were not written for; reported apart from the real documents.
     */
    private void generatedLayouts(ExtractionService single) {
        List<GeneratedLayouts.Document> documents = GeneratedLayouts.all();
        line("");
        line(String.format("GENERATED documents (not real ones): the truth of %d corpus documents printed by %d "
                + "development templates of ours, %d documents:", documents.size() / GeneratedLayouts.TEMPLATES.size(),
                GeneratedLayouts.TEMPLATES.size(), documents.size()));
        CorpusEvaluation.Score ocr = generatedScores(single, documents);
        ocr.misses.forEach(miss -> line("    miss " + miss));
        List<GeneratedLayouts.Document> heldOut = GeneratedLayouts.heldOut();
        line("");
        line(String.format("HELD-OUT templates (%s), never tuned on (their misses are not printed), %d documents:",
                GeneratedLayouts.HELD_OUT.stream().map(GeneratedLayouts.Template::name).toList(), heldOut.size()));
        generatedScores(single, heldOut);
        System.out.print(report);
    }

    /** Scores of generated documents through the text layer, then scanned through OCR; returns the OCR score. */
    private CorpusEvaluation.Score generatedScores(ExtractionService single, List<GeneratedLayouts.Document> documents) {
        CorpusEvaluation.Score text = GeneratedLayouts.score(documents,
                document -> single.extract(document.pdf(), ExtractionService.Stage.TEXT));
        line("  text layer, fields read right:");
        report.append(text.report());
        long started = System.nanoTime();
        CorpusEvaluation.Score ocr = GeneratedLayouts.score(documents,
                document -> single.extract(document.scan(), ExtractionService.Stage.OCR));
        line(String.format("  scanned (200 dpi, rotated up to 0.5°, noise, JPEG 75), OCR, %.3f s per page, fields "
                + "read right:", (System.nanoTime() - started) / 1e9 / documents.size()));
        report.append(ocr.report());
        return ocr;
    }

    /** The time the {@code tesseract} CLI takes on these images, one after the other. */
    private long cliNanos(List<Path> files) throws IOException, InterruptedException {
        long nanos = 0;
        for (Path file : files) {
            long started = System.nanoTime();
            tesseract(file);
            nanos += System.nanoTime() - started;
        }
        return nanos;
    }

    private void tesseract(Path image) throws IOException, InterruptedException {
        ExtractionProperties settings = TestExtraction.properties();
        ProcessBuilder builder = new ProcessBuilder("tesseract", image.toString(), "stdout", "-l", settings.languages(),
                "--psm", String.valueOf(settings.pageSegmentation()), "--oem", "1");
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("tesseract failed on " + image);
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
