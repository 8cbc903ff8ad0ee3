package fr.facteur.extraction;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Development documents of layouts the parsers were not written for: the truth of each corpus
 * document printed by templates of our own — three languages with their own label wordings, date
 * and amount formats, two fonts, the header and the party blocks in other places — and then
 * "scanned" (200 dpi grey, a slight rotation, noise, JPEG quality 75). Kept apart from the real
 * documents in every report. The templates print every field the truth has, so every field is
 * scored.
 */
public final class GeneratedLayouts {

    /** One template: its wordings, formats, font and arrangement. */
    public record Template(String name, Locale locale, String title, String number, String date, String due, String orderRef,
                    String seller, String buyer, String siret, String vat, String ht, String tva, String ttc,
                    String currency, DateTimeFormatter dates, char decimal, char grouping, String font,
                    boolean partiesSideBySide, boolean totalsAsTable) {
    }

    public static final List<Template> TEMPLATES = List.of(
            new Template("fr-classique", Locale.FRANCE, "FACTURE", "Numéro de facture", "Émise le", "À régler avant le",
                    "Votre commande", "Émetteur", "Facturé à", "SIRET", "N° TVA", "Montant hors taxes",
                    "Montant de la TVA", "Net à payer TTC", "Devise", DateTimeFormatter.ofPattern("d MMMM yyyy",
                            Locale.FRANCE), ',', ' ', "/fonts/SourceSerifPro-Regular.ttf", true, false),
            new Template("en-modern", Locale.UK, "Tax invoice", "Invoice no.", "Invoice date", "Payment due",
                    "PO number", "From", "Bill to", "SIRET", "VAT ID", "Subtotal (excl. VAT)", "VAT amount",
                    "Total due", "Currency", DateTimeFormatter.ofPattern("dd/MM/yyyy"), '.', ',',
                    "/fonts/SourceSansPro-Regular.ttf", false, true),
            new Template("de-standard", Locale.GERMANY, "Rechnung", "Rechnungsnummer", "Rechnungsdatum", "Fällig am",
                    "Bestellnummer", "Lieferant", "Rechnungsempfänger", "SIRET", "USt-IdNr.", "Nettobetrag",
                    "Umsatzsteuer", "Gesamtbetrag", "Währung", DateTimeFormatter.ofPattern("dd.MM.yyyy"), ',', '.',
                    "/fonts/SourceSansPro-Regular.ttf", true, true));

    /**
     * Templates held out: written before the parser changes of the stop that added them, and never
     * looked at since (the benchmark prints their scores, not their misses). Whoever tunes the parsers
     * on what these templates print must add new held-out ones and say so.
     */
    public static final List<Template> HELD_OUT = List.of(
            new Template("fr-sobre", Locale.FRANCE, "FACTURE", "Référence", "Date", "Date limite de paiement",
                    "Bon de commande", "Prestataire", "Client", "SIRET", "TVA intracommunautaire", "Total HT", "TVA",
                    "Total TTC", "Devise", DateTimeFormatter.ofPattern("dd/MM/yyyy"), ',', ' ',
                    "/fonts/SourceSerifPro-Regular.ttf", false, false),
            new Template("en-us", Locale.US, "INVOICE", "Invoice #", "Date of issue", "Due date", "Purchase order",
                    "Vendor", "Customer", "SIRET", "VAT reg. no.", "Net amount", "Tax", "Amount payable", "Currency",
                    DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US), '.', ',',
                    "/fonts/SourceSansPro-Regular.ttf", true, true));

    /** A generated document: the truth it prints, per truth key, and the PDF (text layer) and its scan. */
    public record Document(String name, Map<String, String> truth, byte[] pdf, byte[] scan) {
    }

    private GeneratedLayouts() {
    }

    /** Every structured corpus document printed by every development template. */
    public static List<Document> all() {
        return all(TEMPLATES, 0);
    }

    /** Every structured corpus document printed by every held-out template. */
    public static List<Document> heldOut() {
        return all(HELD_OUT, 100);
    }

    /** The documents of these templates; {@code seed} sets their scans' noise apart from other templates'. */
    private static List<Document> all(List<Template> templates, int seed) {
        List<Document> documents = new ArrayList<>();
        for (Corpus.Entry entry : Corpus.entries()) {
            Map<String, String> truth = new LinkedHashMap<>();
            for (String key : Corpus.FIELDS.keySet()) {
                String value = entry.expected(key);
                if (value != null && !value.isBlank()) {
                    truth.put(key, value);
                }
            }
            if (!truth.containsKey("invoice_number") || !truth.containsKey("total_ttc")) {
                continue;
            }
            for (int t = 0; t < templates.size(); t++) {
                Template template = templates.get(t);
                byte[] pdf = render(truth, template);
                documents.add(new Document(entry.name() + "@" + template.name(), truth, pdf,
                        scan(pdf, new Random(entry.name().hashCode() * 31L + seed + t))));
            }
        }
        return documents;
    }

    static byte[] render(Map<String, String> truth, Template t) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font font;
            try (InputStream in = GeneratedLayouts.class.getResourceAsStream(t.font())) {
                font = PDType0Font.load(document, in, true);
            }
            float top = PDRectangle.A4.getHeight() - 60;
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                Writer w = new Writer(out, font);
                float titleX = t.partiesSideBySide() ? 50 : 330;
                w.text(titleX, top, 18, t.title().toUpperCase(t.locale()));
                w.text(titleX, top - 24, 10, t.number() + " : " + truth.get("invoice_number"));
                float y = top - 38;
                y = line(w, titleX, y, t.date(), date(truth.get("invoice_date"), t));
                y = line(w, titleX, y, t.due(), date(truth.get("due_date"), t));
                y = line(w, titleX, y, t.orderRef(), truth.get("purchase_order"));
                y = line(w, titleX, y, t.currency(), truth.get("currency"));

                float partyTop = top - 130;
                float sellerX = t.partiesSideBySide() ? 50 : 50;
                float buyerX = t.partiesSideBySide() ? 320 : 50;
                float buyerTop = t.partiesSideBySide() ? partyTop : partyTop - 90;
                float sy = partyTop;
                sy = w.text(sellerX, sy, 9, t.seller().toUpperCase(t.locale()));
                sy = w.text(sellerX, sy, 11, value(truth.get("supplier_name")));
                sy = line(w, sellerX, sy, t.siret(), truth.get("supplier_siret"));
                line(w, sellerX, sy, t.vat(), truth.get("supplier_vat"));
                float by = buyerTop;
                by = w.text(buyerX, by, 9, t.buyer().toUpperCase(t.locale()));
                by = w.text(buyerX, by, 11, value(truth.get("buyer_name")));
                line(w, buyerX, by, t.siret(), truth.get("buyer_siret"));

                float totalsTop = buyerTop - 140;
                String currency = truth.getOrDefault("currency", "EUR");
                String[][] totals = {{t.ht(), amount(truth.get("total_ht"), t)}, {t.tva(), amount(truth.get("total_tva"), t)},
                        {t.ttc(), amount(truth.get("total_ttc"), t)}};
                if (t.totalsAsTable()) {
                    float x = 50;
                    for (String[] total : totals) {
                        w.text(x, totalsTop, 9, total[0]);
                        w.text(x, totalsTop - 14, 11, total[1] == null ? "" : total[1] + " " + currency);
                        x += 170;
                    }
                } else {
                    float ty = totalsTop;
                    for (String[] total : totals) {
                        if (total[1] != null) {
                            w.text(300, ty, 11, total[0]);
                            w.text(450, ty, 11, total[1] + " " + currency);
                        }
                        ty -= 18;
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page as a scanner sends it back: 200 dpi grey, turned by up to half a degree, noisy, JPEG 75. */
    static byte[] scan(byte[] pdf, Random random) {
        try (PDDocument source = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(source).renderImageWithDPI(0, 200, ImageType.GRAY);
            double angle = Math.toRadians((random.nextDouble() - 0.5));
            BufferedImage turned = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            var g = turned.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, turned.getWidth(), turned.getHeight());
            g.drawImage(page, new AffineTransformOp(AffineTransform.getRotateInstance(angle, page.getWidth() / 2.0,
                    page.getHeight() / 2.0), AffineTransformOp.TYPE_BILINEAR), 0, 0);
            g.dispose();
            var raster = turned.getRaster();
            for (int n = 0; n < turned.getWidth() * turned.getHeight() / 200; n++) {
                int x = random.nextInt(turned.getWidth());
                int y = random.nextInt(turned.getHeight());
                raster.setSample(x, y, 0, random.nextInt(256));
            }
            return imagePdf(List.of(jpeg(turned)), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose pages are these JPEGs of {@code dpi}, each filling its page: what a scanner sends. */
    public static byte[] imagePdf(List<byte[]> jpegs, int dpi) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (byte[] jpeg : jpegs) {
                PDImageXObject image = JPEGFactory.createFromByteArray(document, jpeg);
                PDRectangle size = new PDRectangle(image.getWidth() / (float) dpi * 72f,
                        image.getHeight() / (float) dpi * 72f);
                PDPage page = new PDPage(size);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(image, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The image as a JPEG of quality 75, as an office scanner writes it. */
    public static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.75f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), quality);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Scores one branch on the generated documents: every printed truth field, and the calibration. */
    public static CorpusEvaluation.Score score(List<Document> documents,
                                               java.util.function.Function<Document, Extraction> branch) {
        CorpusEvaluation.Score score = new CorpusEvaluation.Score();
        for (Document document : documents) {
            Extraction extraction = branch.apply(document);
            document.truth().forEach((key, expected) -> {
                String actual = extraction.value(Corpus.FIELDS.get(key));
                boolean right = Corpus.matches(key, expected, actual);
                score.count(key, right);
                if (actual != null) {
                    score.given(extraction.confidence(Corpus.FIELDS.get(key)), right, document.name() + " " + key
                            + " «" + actual + "»" + (right ? "" : " instead of «" + expected + "»"));
                }
                if (!right) {
                    score.misses.add(document.name() + " " + key + ": expected «" + expected + "» got «" + actual + "»");
                }
            });
        }
        return score;
    }

    private static float line(Writer w, float x, float y, String label, String value) throws IOException {
        return value == null ? y : w.text(x, y, 10, label + " : " + value);
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }

    private static String date(String iso, Template t) {
        return iso == null ? null : LocalDate.parse(iso).format(t.dates());
    }

    private static String amount(String plain, Template t) {
        if (plain == null) {
            return null;
        }
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(t.locale());
        symbols.setDecimalSeparator(t.decimal());
        symbols.setGroupingSeparator(t.grouping());
        return new DecimalFormat("#,##0.00", symbols).format(new BigDecimal(plain));
    }

    /** Writes lines with one font, "?" for what it cannot draw. */
    private record Writer(PDPageContentStream out, PDType0Font font) {

        /** Draws the text and returns the y of the next line. */
        float text(float x, float y, float size, String text) throws IOException {
            String shown = InvoicePage.printable(font, text);
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, y);
            out.showText(shown);
            out.endText();
            return y - size - 5;
        }
    }
}
