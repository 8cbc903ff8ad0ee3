package fr.facteur.extraction;

import fr.facteur.extraction.PageText.Word;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;

/**
 * Reads an invoice document, preferring what is exact: (1) the structured XML (Factur-X /
 * ZUGFeRD embedded in a PDF, standalone CII or UBL), (2) the PDF's text layer when it holds real
 * text, (3) OCR of rendered pages or images. Stores nothing: the API and the process share it.
 */
@Service
public class ExtractionService {

    private static final Logger log = LoggerFactory.getLogger(ExtractionService.class);
    /** Below this many letters or digits per page, a text layer is a scan's stray header, not text. */
    private static final int REAL_TEXT_CHARS_PER_PAGE = 80;

    private final OcrEngine ocr;
    private final ExtractionProperties properties;
    private final ExecutorService pages;

    public ExtractionService(OcrEngine ocr, ExtractionProperties properties) {
        this.ocr = ocr;
        this.properties = properties;
        this.pages = Executors.newFixedThreadPool(ocr.threads(), runnable -> {
            Thread thread = new Thread(runnable, "ocr-page");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Where the pipeline may start: normally at the structured data; later to measure one branch. */
    public enum Stage { STRUCTURED, TEXT, OCR }

    public Extraction extract(byte[] content) {
        return extract(content, Stage.STRUCTURED);
    }

    /** Extracts, skipping the stages before {@code first} (a benchmark measures each branch this way). */
    public Extraction extract(byte[] content, Stage first) {
        if (content == null || content.length == 0) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.EMPTY, "Le fichier est vide.");
        }
        String type = DocumentTypeDetector.detect(content).orElseThrow(() -> new UnreadableDocumentException(
                UnreadableDocumentException.Reason.UNSUPPORTED_TYPE,
                "Le fichier n'est ni un PDF, ni une image (PNG, JPEG, TIFF), ni une facture XML."));
        long started = System.nanoTime();
        Extraction extraction = switch (type) {
            case DocumentTypeDetector.XML -> fromXml(content);
            case DocumentTypeDetector.PDF -> fromPdf(content, first);
            default -> fromImages(List.of(content));
        };
        log.debug("Extracted {} fields from {} ({} pages) via {} in {} ms", extraction.fields().size(), type,
                extraction.pages(), extraction.source(), (System.nanoTime() - started) / 1_000_000);
        return extraction;
    }

    // --- 1. structured --------------------------------------------------------------------------

    private Extraction fromXml(byte[] xml) {
        Document document = SafeXml.parse(xml);
        XmlInvoiceReader.Syntax syntax = XmlInvoiceReader.syntaxOf(document);
        ExtractionSource source = syntax == XmlInvoiceReader.Syntax.UBL ? ExtractionSource.UBL : ExtractionSource.CII;
        XmlInvoiceReader.Read read = XmlInvoiceReader.read(document, source);
        return new Extraction(source, 1, read.fields(), withConsistency(read.fields(), read.warnings()),
                new String(xml, StandardCharsets.UTF_8));
    }

    private Extraction fromPdf(byte[] content, Stage first) {
        try (PdfReader pdf = PdfReader.open(content)) {
            List<String> warnings = new ArrayList<>();
            if (pdf.truncated()) {
                warnings.add("Le PDF semble tronqué (fin de fichier absente) : PDFBox en a réparé ce qu'il pouvait, "
                        + "vérifiez le document.");
            }
            Extraction structured = first == Stage.STRUCTURED ? embeddedInvoice(pdf, warnings) : null;
            if (structured != null) {
                return structured;
            }
            List<List<Word>> words = first == Stage.OCR ? List.of() : pdf.words(properties.maxTextPages());
            PageText text = PageText.ofPages(words);
            if (first != Stage.OCR && hasRealText(text, words.size())) {
                if (pdf.pages() > properties.maxTextPages()) {
                    warnings.add("Seules les " + properties.maxTextPages() + " premières pages sur " + pdf.pages()
                            + " ont été lues.");
                }
                return fromText(text, ExtractionSource.TEXT, pdf.pages(), warnings);
            }
            int ocrPages = Math.min(pdf.pages(), properties.maxOcrPages());
            if (pdf.pages() > ocrPages) {
                warnings.add("Document de " + pdf.pages() + " pages : seules les " + ocrPages
                        + " premières ont été reconnues (OCR).");
            }
            List<List<Word>> recognised = ocrPages(ocrPages, page -> {
                int dpi = ocrResolution(pdf.scanResolution(page));
                return new OcrEngine.Page(pdf.render(page, dpi, properties.ocrImagePixels()), dpi);
            });
            return fromText(PageText.ofPages(recognised), ExtractionSource.OCR, pdf.pages(), warnings);
        }
    }

    /** The invoice XML embedded in a PDF (Factur-X, ZUGFeRD, XRechnung), read like a standalone one. */
    private Extraction embeddedInvoice(PdfReader pdf, List<String> warnings) {
        Map<String, byte[]> files = pdf.embeddedFiles();
        for (String preferred : PdfReader.INVOICE_XML_NAMES) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (file.getKey().toLowerCase(Locale.ROOT).equals(preferred)) {
                    Extraction read = readEmbedded(file.getKey(), file.getValue(), pdf.pages(), warnings);
                    if (read != null) {
                        return read;
                    }
                }
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                Extraction read = readEmbedded(file.getKey(), file.getValue(), pdf.pages(), warnings);
                if (read != null) {
                    return read;
                }
            }
        }
        return null;
    }

    private Extraction readEmbedded(String name, byte[] xml, int pages, List<String> warnings) {
        try {
            Document document = SafeXml.parse(xml);
            if (XmlInvoiceReader.syntaxOf(document) == null) {
                return null;
            }
            ExtractionSource source = name.equalsIgnoreCase("factur-x.xml")
                    ? ExtractionSource.FACTURX : ExtractionSource.ZUGFERD;
            XmlInvoiceReader.Read read = XmlInvoiceReader.read(document, source);
            List<String> all = new ArrayList<>(warnings);
            all.addAll(read.warnings());
            return new Extraction(source, pages, read.fields(), withConsistency(read.fields(), all),
                    new String(xml, StandardCharsets.UTF_8));
        } catch (UnreadableDocumentException e) {
            warnings.add("Le fichier joint « " + name + " » n'a pas pu être lu : " + e.getMessage());
            return null;
        }
    }

    // --- 2. text layer and 3. OCR -------------------------------------------------------------------

    private static boolean hasRealText(PageText text, int pages) {
        String all = text.text();
        long useful = all.chars().filter(Character::isLetterOrDigit).count();
        long replacement = all.chars().filter(c -> c == '\uFFFD').count();
        return useful >= (long) REAL_TEXT_CHARS_PER_PAGE * Math.max(1, pages) / 2 && replacement * 20 < useful;
    }

    /** A scan delivered as one image per page (PNG, JPEG, TIFF), read by OCR as one document. */
    public Extraction fromImages(List<byte[]> images) {
        List<List<Word>> recognised = ocrPages(images.size(),
                page -> new OcrEngine.Page(decode(images.get(page)), properties.dpi()));
        return fromText(PageText.ofPages(recognised), ExtractionSource.OCR, images.size(), new ArrayList<>());
    }

    private Extraction fromText(PageText text, ExtractionSource source, int pageCount, List<String> warnings) {
        TextFieldExtractor.Result result = TextFieldExtractor.extract(text, source);
        List<String> all = new ArrayList<>(warnings);
        all.addAll(result.warnings());
        if (result.fields().isEmpty()) {
            all.add("Aucune donnée de facture n'a été trouvée : ce document est-il bien une facture ?");
        }
        return new Extraction(source, pageCount, result.fields(), withConsistency(result.fields(), all), text.text());
    }

    private interface PageSource {
        OcrEngine.Page page(int index);
    }

    /**
     * The resolution a PDF page is rendered at for OCR: a scan of at least {@code min-scan-dpi} at its
     * own resolution (up to the configured dpi, never more: a 600 dpi scan is read at 300), anything
     * else — a vector page, a low-resolution scan to upscale — at the configured dpi.
     */
    int ocrResolution(int scanDpi) {
        return scanDpi >= properties.minScanDpi() ? Math.min(scanDpi, properties.dpi()) : properties.dpi();
    }

    /** Recognises pages in parallel (one Tesseract per thread), keeping their order. */
    private List<List<Word>> ocrPages(int count, PageSource source) {
        List<Future<List<Word>>> futures = new ArrayList<>();
        for (int page = 0; page < count; page++) {
            int index = page;
            futures.add(pages.submit(() -> ocr.read(source.page(index))));
        }
        List<List<Word>> words = new ArrayList<>();
        try {
            for (Future<List<Word>> future : futures) {
                words.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("OCR interrompu", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return words;
    }

    /**
     * Decodes an image without ever holding more than {@code ocrImagePixels} pixels: the size is
     * read from the header first, huge images are refused, large ones subsampled while decoding.
     */
    private BufferedImage decode(byte[] content) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new UnreadableDocumentException(UnreadableDocumentException.Reason.UNSUPPORTED_TYPE,
                        "Ce format d'image ne peut pas être lu.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > properties.maxImagePixels()) {
                    throw new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_LARGE,
                            "L'image fait " + width + " × " + height + " pixels : au-delà de "
                                    + properties.maxImagePixels() / 1_000_000 + " mégapixels, elle n'est pas lue.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) width * height / properties.ocrImagePixels()));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                return toGray(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableDocumentException unreadable) {
                throw unreadable;
            }
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "L'image est endommagée ou tronquée et ne peut pas être lue.", e);
        }
    }

    private static BufferedImage toGray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Image source = image;
        gray.getGraphics().drawImage(source, 0, 0, java.awt.Color.WHITE, null);
        return gray;
    }

    // --- consistency ------------------------------------------------------------------------------

    /** Cross-field checks that every source gets: HT + TVA = TTC, due date after issue date. */
    private static List<String> withConsistency(Map<String, ExtractedField> fields, List<String> warnings) {
        List<String> all = new ArrayList<>(warnings);
        try {
            var ht = value(fields, InvoiceField.TOTAL_HT);
            var tva = value(fields, InvoiceField.TOTAL_TVA);
            var ttc = value(fields, InvoiceField.TOTAL_TTC);
            if (ht != null && tva != null && ttc != null && ht.add(tva).compareTo(ttc) != 0) {
                String message = "HT (" + ht + ") + TVA (" + tva + ") ≠ TTC (" + ttc + ").";
                if (!all.contains(message)) {
                    all.add(message);
                }
            }
        } catch (NumberFormatException e) {
            all.add("Un montant n'est pas un nombre.");
        }
        String issue = fields.containsKey(InvoiceField.ISSUE_DATE) ? fields.get(InvoiceField.ISSUE_DATE).value() : null;
        String due = fields.containsKey(InvoiceField.DUE_DATE) ? fields.get(InvoiceField.DUE_DATE).value() : null;
        if (issue != null && due != null && due.compareTo(issue) < 0) {
            all.add("La date d'échéance (" + due + ") précède la date de facture (" + issue + ").");
        }
        return all;
    }

    private static java.math.BigDecimal value(Map<String, ExtractedField> fields, String name) {
        ExtractedField field = fields.get(name);
        return field == null ? null : new java.math.BigDecimal(field.value());
    }
}
