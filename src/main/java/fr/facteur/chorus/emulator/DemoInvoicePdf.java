package fr.facteur.chorus.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A realistic one-page French invoice, as a supplier would deposit it on Chorus Pro: supplier
 * block with SIRET, recipient and service, number and dates, lines, HT/TVA/TTC, purchase order.
 */
final class DemoInvoicePdf {

    /** A DejaVu font prints accents and € reliably; PDFBox's Helvetica is the fallback. */
    private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    record Line(String designation, BigDecimal quantity, BigDecimal unitPrice) {

        BigDecimal total() {
            return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
        }
    }

    record Content(String supplierName, String supplierSiret, String supplierAddress, String buyerName,
                   String buyerSiret, String serviceCode, String number, LocalDate date, LocalDate dueDate,
                   String purchaseOrder, List<Line> lines, BigDecimal vatRate) {

        BigDecimal totalHt() {
            return lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal totalTva() {
            return totalHt().multiply(vatRate).setScale(2, RoundingMode.HALF_UP);
        }

        BigDecimal totalTtc() {
            return totalHt().add(totalTva());
        }
    }

    private DemoInvoicePdf() {
    }

    static byte[] render(Content c) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            boolean unicode = Files.isReadable(DEJAVU);
            PDFont font = unicode ? PDType0Font.load(document, DEJAVU.toFile())
                    : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream s = new PDPageContentStream(document, page)) {
                text(s, font, 16, 50, 790, c.supplierName());
                text(s, font, 10, 50, 774, c.supplierAddress());
                text(s, font, 10, 50, 760, "SIRET : " + spaced(c.supplierSiret()));
                text(s, font, 20, 360, 790, "FACTURE");
                text(s, font, 10, 360, 770, "N° de facture : " + c.number());
                text(s, font, 10, 360, 756, "Date de facture : " + c.date().format(FRENCH_DATE));
                if (c.dueDate() != null) {
                    text(s, font, 10, 360, 742, "Date d'échéance : " + c.dueDate().format(FRENCH_DATE));
                }
                text(s, font, 11, 50, 700, "Destinataire : " + c.buyerName());
                text(s, font, 10, 50, 686, "SIRET : " + spaced(c.buyerSiret()));
                if (c.serviceCode() != null) {
                    text(s, font, 10, 50, 672, "Code service : " + c.serviceCode());
                }
                if (c.purchaseOrder() != null) {
                    text(s, font, 10, 50, 658, "Bon de commande : " + c.purchaseOrder());
                }
                float y = 610;
                text(s, font, 10, 50, y, "Désignation");
                text(s, font, 10, 330, y, "Quantité");
                text(s, font, 10, 400, y, "P.U. HT");
                text(s, font, 10, 480, y, "Montant HT");
                s.moveTo(50, y - 5);
                s.lineTo(545, y - 5);
                s.stroke();
                for (Line line : c.lines()) {
                    y -= 18;
                    text(s, font, 10, 50, y, line.designation());
                    text(s, font, 10, 330, y, line.quantity().stripTrailingZeros().toPlainString());
                    text(s, font, 10, 400, y, euros(line.unitPrice(), unicode));
                    text(s, font, 10, 480, y, euros(line.total(), unicode));
                }
                y -= 40;
                String rate = c.vatRate().movePointRight(2).stripTrailingZeros().toPlainString();
                text(s, font, 11, 360, y, "Total HT : " + euros(c.totalHt(), unicode));
                text(s, font, 11, 360, y - 16, "TVA " + rate + " % : " + euros(c.totalTva(), unicode));
                text(s, font, 12, 360, y - 34, "Total TTC : " + euros(c.totalTtc(), unicode));
                text(s, font, 12, 360, y - 52, "Net à payer : " + euros(c.totalTtc(), unicode));
                text(s, font, 8, 50, 60, "Paiement par virement à 30 jours. Pénalités de retard : taux BCE + 10 points ;"
                        + " indemnité forfaitaire pour frais de recouvrement : 40 €.");
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream s, PDFont font, float size, float x, float y, String value)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(value);
        s.endText();
    }

    /** {@code 1 234,56 €}, with a plain space so that every font has the glyph. */
    static String euros(BigDecimal amount, boolean unicode) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.FRANCE);
        symbols.setGroupingSeparator(' ');
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        return format.format(amount) + (unicode ? " €" : " EUR");
    }

    private static String spaced(String siret) {
        return siret.length() == 14
                ? siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                        + siret.substring(9) : siret;
    }
}
