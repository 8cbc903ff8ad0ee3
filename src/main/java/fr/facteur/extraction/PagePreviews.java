package fr.facteur.extraction;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.rendering.ImageType;
import org.springframework.stereotype.Component;

/**
 * A PDF's pages as pictures for the person who checks it, drawn on the server: the browser shows an
 * image whatever its PDF viewer (Tasklist's page is sandboxed, which forbids the browser's own
 * viewer), and a hostile PDF never reaches the browser's PDF engine.
 */
@Component
public class PagePreviews {

    /** Wide enough for a sharp page in half of a 1440-pixel screen, also on a high-density one. */
    static final int WIDTH_PIXELS = 1100;
    /** A poster-sized page is drawn smaller rather than filling the heap. */
    static final long MAX_PIXELS = 4_000_000L;

    /** Above this, a browser would struggle to show an image (a 20,000-pixel square takes 1.6 GB). */
    public static final long MAX_IMAGE_PIXELS = 40_000_000L;

    /** Whether a browser can show this image: its size read from its header, the pixels not decoded. */
    public boolean imageShowable(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0) <= MAX_IMAGE_PIXELS;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** How many pages the PDF has; an unreadable PDF says why. */
    public int pageCount(byte[] pdf) {
        try (PdfReader reader = PdfReader.open(pdf)) {
            return reader.pages();
        }
    }

    /** Page {@code page} (from 1) as a PNG, {@value #WIDTH_PIXELS} pixels wide at most. */
    public byte[] png(byte[] pdf, int page) {
        try (PdfReader reader = PdfReader.open(pdf)) {
            if (page < 1 || page > reader.pages()) {
                throw new IllegalArgumentException("Page " + page + " hors du document (" + reader.pages() + " pages)");
            }
            float dpi = Math.min(200f, WIDTH_PIXELS / Math.max(reader.pageWidth(page - 1), 1f) * 72f);
            BufferedImage image = reader.render(page - 1, dpi, MAX_PIXELS, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
