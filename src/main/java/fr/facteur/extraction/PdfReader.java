package fr.facteur.extraction;

import fr.facteur.extraction.PageText.Word;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** PDFBox behind one door: open safely, list embedded files, read the text layer, render pages. */
final class PdfReader implements AutoCloseable {

    /** Names under which PDFs carry their invoice XML (Factur-X, ZUGFeRD 2, XRechnung), in order of preference. */
    static final List<String> INVOICE_XML_NAMES = List.of("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml");

    private static final long MAX_EMBEDDED_BYTES = 10L * 1024 * 1024;

    private final PDDocument document;
    private final boolean truncated;

    private PdfReader(PDDocument document, boolean truncated) {
        this.document = document;
        this.truncated = truncated;
    }

    /** Opens a PDF, buffering in temporary files rather than the heap; refuses what cannot be read. */
    static PdfReader open(byte[] content) {
        try {
            PDDocument document = Loader.loadPDF(content, "", null, null, IOUtils.createTempFileOnlyStreamCache());
            if (document.getNumberOfPages() == 0) {
                document.close();
                throw new UnreadableDocumentException(UnreadableDocumentException.Reason.EMPTY,
                        "Le PDF ne contient aucune page.");
            }
            String tail = new String(content, Math.max(0, content.length - 1024), Math.min(1024, content.length),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            return new PdfReader(document, !tail.contains("%%EOF"));
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.ENCRYPTED,
                    "Le PDF est protégé par un mot de passe : demandez au fournisseur une version non chiffrée.", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "Le PDF est endommagé ou tronqué et ne peut pas être lu (" + e.getMessage() + ").", e);
        }
    }

    /** PDFBox repairs what it can; a PDF without its end marker was probably cut short. */
    boolean truncated() {
        return truncated;
    }

    int pages() {
        return document.getNumberOfPages();
    }

    /** The width of a page in points (1/72 inch), as displayed. */
    float pageWidth(int pageIndex) {
        var page = document.getPage(pageIndex);
        return page.getRotation() % 180 == 0 ? page.getCropBox().getWidth() : page.getCropBox().getHeight();
    }

    /** Embedded files by name (only the small ones: an invoice XML is a few hundred kB at most). */
    Map<String, byte[]> embeddedFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
        if (names == null || names.getEmbeddedFiles() == null) {
            return files;
        }
        try {
            collect(names.getEmbeddedFiles(), files, 0);
        } catch (IOException e) {
            // an unreadable attachment is not an invoice XML; the text layer and OCR remain
        }
        return files;
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, Map<String, byte[]> files, int depth)
            throws IOException {
        if (depth > 10) {
            return;
        }
        Map<String, PDComplexFileSpecification> here = node.getNames();
        if (here != null) {
            for (Map.Entry<String, PDComplexFileSpecification> entry : here.entrySet()) {
                PDComplexFileSpecification spec = entry.getValue();
                PDEmbeddedFile file = spec.getEmbeddedFileUnicode() != null ? spec.getEmbeddedFileUnicode()
                        : spec.getEmbeddedFile();
                String name = spec.getFilename() != null ? spec.getFilename() : entry.getKey();
                if (file != null) {
                    // read at most the limit, whatever the stream declares: a compressed bomb stops here
                    try (java.io.InputStream in = file.createInputStream()) {
                        byte[] content = in.readNBytes((int) MAX_EMBEDDED_BYTES + 1);
                        if (content.length <= MAX_EMBEDDED_BYTES) {
                            files.put(name, content);
                        }
                    }
                }
            }
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collect(kid, files, depth + 1);
            }
        }
    }

    /** The words of the text layer, with positions, one list per page (up to {@code maxPages}). */
    List<List<Word>> words(int maxPages) {
        List<List<Word>> pages = new ArrayList<>();
        try {
            for (int page = 1; page <= Math.min(pages(), maxPages); page++) {
                WordStripper stripper = new WordStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                stripper.getText(document);
                pages.add(stripper.words);
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "Le texte du PDF ne peut pas être lu (" + e.getMessage() + ").", e);
        }
        return pages;
    }

    /**
     * One page as a grey image at {@code dpi}, lowered for an oversized page so that the image
     * never exceeds {@code maxPixels} (a poster-sized page at 300 dpi would need gigabytes).
     */
    BufferedImage render(int pageIndex, int dpi, long maxPixels) {
        return render(pageIndex, dpi, maxPixels, ImageType.GRAY);
    }

    /**
     * The resolution of the scan a page is made of — one image covering the page, as a scanner or a
     * "print to PDF" of a photo produces — or 0 when the page is not one image. OCR reads such a page
     * at the image's own resolution: rendering a 200 dpi scan at 300 dpi only makes more pixels for
     * Tesseract to read, not more detail.
     */
    int scanResolution(int pageIndex) {
        try {
            var page = document.getPage(pageIndex);
            var resources = page.getResources();
            if (resources == null) {
                return 0;
            }
            PDImageXObject image = null;
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject found) {
                    if (image != null) {
                        return 0;
                    }
                    image = found;
                } else if (object != null) {
                    return 0;
                }
            }
            if (image == null) {
                return 0;
            }
            var box = page.getCropBox();
            boolean turned = page.getRotation() % 180 != 0;
            double across = (turned ? image.getHeight() : image.getWidth()) / (box.getWidth() / 72.0);
            double down = (turned ? image.getWidth() : image.getHeight()) / (box.getHeight() / 72.0);
            // the image fills the page when both directions give the same resolution
            return Math.abs(across - down) <= 0.03 * Math.max(across, down) ? (int) Math.round(across) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One page as an image of {@code type} (see {@link #render(int, int, long)}). */
    BufferedImage render(int pageIndex, float dpi, long maxPixels, ImageType type) {
        try {
            var box = document.getPage(pageIndex).getCropBox();
            double pixels = (box.getWidth() / 72.0 * dpi) * (box.getHeight() / 72.0 * dpi);
            float effectiveDpi = pixels > maxPixels ? (float) (dpi * Math.sqrt(maxPixels / pixels)) : dpi;
            return new PDFRenderer(document).renderImageWithDPI(pageIndex, effectiveDpi, type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPTED,
                    "La page " + (pageIndex + 1) + " du PDF ne peut pas être affichée (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public void close() {
        try {
            document.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** Collects words with their boxes instead of writing text. */
    private static final class WordStripper extends PDFTextStripper {

        private final List<Word> words = new ArrayList<>();

        WordStripper() {
            setSortByPosition(true);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            StringBuilder current = new StringBuilder();
            double x0 = 0;
            double y0 = 0;
            double x1 = 0;
            double y1 = 0;
            for (TextPosition position : positions) {
                String unicode = position.getUnicode();
                if (unicode == null || unicode.isBlank()) {
                    if (!current.isEmpty()) {
                        words.add(new Word(current.toString(), x0, y0, x1, y1, 1));
                        current.setLength(0);
                    }
                    continue;
                }
                double left = position.getXDirAdj();
                double bottom = position.getYDirAdj();
                double top = bottom - Math.max(position.getHeightDir(), 1);
                double right = left + position.getWidthDirAdj();
                if (current.isEmpty()) {
                    x0 = left;
                    y0 = top;
                    y1 = bottom;
                } else if (left - x1 > Math.max(position.getWidthOfSpace(), 1) * 0.8) {
                    words.add(new Word(current.toString(), x0, y0, x1, y1, 1));
                    current.setLength(0);
                    x0 = left;
                    y0 = top;
                    y1 = bottom;
                }
                current.append(unicode);
                x1 = right;
                y0 = Math.min(y0, top);
                y1 = Math.max(y1, bottom);
            }
            if (!current.isEmpty()) {
                words.add(new Word(current.toString(), x0, y0, x1, y1, 1));
            }
        }
    }
}
