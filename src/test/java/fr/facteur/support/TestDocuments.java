package fr.facteur.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real documents made for tests. */
public final class TestDocuments {

    private TestDocuments() {
    }

    /** A one-page A4 PDF invoice; a random reference makes every call's bytes unique. */
    public static byte[] invoicePdf(String invoiceNumber) {
        return pdf("Papeterie Durand SARL - SIRET 732 829 320 00074",
                "FACTURE N " + invoiceNumber,
                "Date : 12/03/2025",
                "Total HT : 1 000,00 EUR   TVA 20 % : 200,00 EUR   Total TTC : 1 200,00 EUR");
    }

    /** A one-page A4 PDF with these lines of text, and a random reference that makes it unique. */
    public static byte[] pdf(String... lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 12);
                content.setLeading(16);
                content.newLineAtOffset(60, 780);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.showText("Reference : " + UUID.randomUUID());
                content.newLine();
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
