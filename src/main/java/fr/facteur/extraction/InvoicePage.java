package fr.facteur.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The visual of an invoice drawn by Facteur from its confirmed data: one A4 page, fonts embedded
 * (Source Sans Pro, shipped with Mustang, SIL Open Font License), so that the Factur-X built on it
 * is a PDF/A-3. Used when the supplier's PDF cannot be made PDF/A (fonts not embedded, say): that
 * PDF then travels inside the Factur-X as an attachment.
 */
final class InvoicePage {

    private static final String REGULAR = "/fonts/SourceSansPro-Regular.ttf";
    private static final String BOLD = "/fonts/SourceSansPro-Bold.ttf";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDPageContentStream out;
    private final PDType0Font regular;
    private final PDType0Font bold;
    private float y = PDRectangle.A4.getHeight() - MARGIN;

    private InvoicePage(PDPageContentStream out, PDType0Font regular, PDType0Font bold) {
        this.out = out;
        this.regular = regular;
        this.bold = bold;
    }

    /** The page, as a PDF; {@code withOriginal}: the supplier's PDF is attached, say so on the page. */
    static byte[] render(FacturXWriter.Content c, FacturXWriter.Seller seller, boolean withOriginal) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font regular = font(document, REGULAR);
            PDType0Font bold = font(document, BOLD);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Facture " + c.invoiceNumber());
            info.setAuthor(nameOf(c, seller));
            info.setCreator("Facteur");
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                new InvoicePage(out, regular, bold).draw(c, seller, withOriginal);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The invoice page could not be drawn", e);
        }
    }

    private void draw(FacturXWriter.Content c, FacturXWriter.Seller seller, boolean withOriginal) throws IOException {
        line(bold, 20, "FACTURE N° " + c.invoiceNumber());
        line(regular, 11, "Date de facture : " + day(c.issueDate())
                + (c.dueDate() == null ? "" : "      Date d'échéance : " + day(c.dueDate())));
        gap(14);
        float top = y;
        line(bold, 11, "Vendeur");
        line(regular, 10, nameOf(c, seller));
        if (seller.street() != null) {
            line(regular, 10, seller.street());
        }
        if (seller.city() != null) {
            line(regular, 10, join(seller.postcode(), seller.city()));
        }
        line(regular, 10, "SIRET " + c.supplierSiret());
        String vat = c.supplierVatNumber() != null ? c.supplierVatNumber() : seller.vatNumber();
        if (vat != null) {
            line(regular, 10, "N° TVA intracommunautaire " + vat);
        }
        float left = y;
        y = top;
        float column = MARGIN + WIDTH / 2 + 10;
        line(column, bold, 11, "Acheteur");
        line(column, regular, 10, c.buyerName() == null ? "" : c.buyerName());
        line(column, regular, 10, "SIRET " + c.buyerSiret());
        if (c.serviceCode() != null && !c.serviceCode().isBlank()) {
            line(column, regular, 10, "Code service " + c.serviceCode());
        }
        if (c.purchaseOrderReference() != null && !c.purchaseOrderReference().isBlank()) {
            line(column, regular, 10, "Engagement juridique " + c.purchaseOrderReference());
        }
        y = Math.min(y, left);
        gap(18);
        String currency = c.currency() == null ? "EUR" : c.currency();
        BigDecimal rate = FacturXWriter.vatRate(c.totalHt(), c.totalTva()).orElse(null);
        row(bold, "Désignation", "Total HT", "TVA", "Total TTC");
        rule();
        row(regular, withOriginal ? "Selon la facture d'origine jointe" : "Selon facture",
                money(c.totalHt(), currency), rate == null ? "" : rate.stripTrailingZeros().toPlainString() + " %",
                money(c.totalTtc(), currency));
        rule();
        gap(6);
        total("Total HT", money(c.totalHt(), currency));
        total("Total TVA", money(c.totalTva(), currency));
        total("Total TTC", money(c.totalTtc(), currency));
        gap(16);
        if (seller.iban() != null && !seller.iban().isBlank()) {
            line(regular, 10, "Paiement par virement — IBAN " + seller.iban()
                    + (seller.bic() == null ? "" : "   BIC " + seller.bic()));
        }
        if (c.dueDate() == null) {
            paragraph(FacturXWriter.NO_DUE_DATE);
        }
        gap(10);
        for (String note : new String[] {seller.recoveryCostsNote(), seller.latePenaltiesNote(), seller.discountNote()}) {
            if (note != null && !note.isBlank()) {
                paragraph(note.strip());
            }
        }
        if (withOriginal) {
            gap(10);
            paragraph("Facture établie à partir des données confirmées ; le PDF d'origine est joint à ce document ("
                    + FacturXWriter.ORIGINAL_NAME + ").");
        }
    }

    private static PDType0Font font(PDDocument document, String resource) throws IOException {
        try (InputStream in = InvoicePage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Font " + resource + " is not on the classpath (Mustang's library)");
            }
            return PDType0Font.load(document, in, true);
        }
    }

    private void line(PDType0Font font, float size, String text) throws IOException {
        line(MARGIN, font, size, text);
    }

    private void line(float x, PDType0Font font, float size, String text) throws IOException {
        y -= size + 4;
        show(x, y, font, size, text);
    }

    private void paragraph(String text) throws IOException {
        for (String line : wrap(text, regular, 9, WIDTH)) {
            line(regular, 9, line);
        }
    }

    private void row(PDType0Font font, String label, String ht, String rate, String ttc) throws IOException {
        y -= 15;
        show(MARGIN, y, font, 10, label);
        right(MARGIN + WIDTH * 0.65f, font, ht);
        right(MARGIN + WIDTH * 0.80f, font, rate);
        right(MARGIN + WIDTH, font, ttc);
    }

    private void total(String label, String amount) throws IOException {
        y -= 14;
        show(MARGIN + WIDTH * 0.55f, y, regular, 10, label);
        right(MARGIN + WIDTH, bold, amount);
    }

    private void right(float x, PDType0Font font, String text) throws IOException {
        String shown = printable(font, text);
        show(x - font.getStringWidth(shown) / 1000 * 10, y, font, 10, shown);
    }

    private void rule() throws IOException {
        y -= 5;
        out.moveTo(MARGIN, y);
        out.lineTo(MARGIN + WIDTH, y);
        out.stroke();
    }

    private void gap(float points) {
        y -= points;
    }

    private void show(float x, float at, PDType0Font font, float size, String text) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, at);
        out.showText(printable(font, text));
        out.endText();
    }

    /** The text with what the font cannot draw replaced by "?" (a supplier's name in another script). */
    static String printable(PDType0Font font, String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                shown.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                shown.append('?');
            }
        });
        return shown.toString();
    }

    private static List<String> wrap(String text, PDType0Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (font.getStringWidth(printable(font, candidate)) / 1000 * size > width && !current.isEmpty()) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private static String nameOf(FacturXWriter.Content c, FacturXWriter.Seller seller) {
        if (c.supplierName() != null && !c.supplierName().isBlank()) {
            return c.supplierName();
        }
        return seller.name() != null ? seller.name() : c.supplierSiret();
    }

    private static String join(String postcode, String city) {
        return postcode == null ? city : postcode + " " + city;
    }

    private static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    private static String money(BigDecimal amount, String currency) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.FRANCE);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return amount == null ? "" : format.format(amount).replace('\u202f', ' ').replace('\u00a0', ' ') + " " + currency;
    }
}
