package fr.facteur.extraction;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The hostile documents of {@code src/test/resources/hostile/}, and how they were made:
 * {@code ./mvnw test-compile && java -cp target/test-classes:$(cat cp.txt) fr.facteur.extraction.HostileFiles src/test/resources/hostile}.
 */
public final class HostileFiles {

    private HostileFiles() {
    }

    public static byte[] read(String name) {
        try (InputStream in = HostileFiles.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no hostile file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.write(dir.resolve("empty.pdf"), new byte[0]);
        byte[] invoice = Files.readAllBytes(Path.of("src/test/resources/corpus/FR_Facture_F20220025_BASIC.pdf"));
        Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(invoice, invoice.length / 3));
        Files.write(dir.resolve("corrupted.pdf"), ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n"
                + "garbage garbage\nxref\n0 1\nnonsense\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("encrypted.pdf"), encrypted());
        Files.write(dir.resolve("thousand-pages.pdf"), pages(1000));
        Files.write(dir.resolve("not-an-invoice.pdf"), poem());
        Files.write(dir.resolve("poster-page.pdf"), posterPage());
        Files.write(dir.resolve("huge-20000x20000.png"), hugeImage());
        Files.writeString(dir.resolve("xxe.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
                  <cbc:ID>&secret;</cbc:ID>
                </Invoice>
                """);
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append(" <!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">\n");
        }
        bomb.append("]>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&lol9;</Invoice>\n");
        Files.writeString(dir.resolve("billion-laughs.xml"), bomb);
        Files.writeString(dir.resolve("not-an-invoice.xml"), "<?xml version=\"1.0\"?><note><to>Tove</to><body>Bonjour</body></note>\n");
    }

    private static byte[] encrypted() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            text(document, page, "Facture F-2025-001 Total TTC 120,00 EUR");
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
    }

    private static byte[] pages(int count) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < count; i++) {
                document.addPage(new PDPage());
            }
            return save(document);
        }
    }

    /** One page of 5 × 5 metres (the largest PDF allows): 59,000 pixels square at 300 dpi. */
    private static byte[] posterPage() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(14_400, 14_400)));
            return save(document);
        }
    }

    private static byte[] poem() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            text(document, page, "Demain, des l'aube, a l'heure ou blanchit la campagne, je partirai. Vois-tu, je sais que tu m'attends.");
            return save(document);
        }
    }

    private static void text(PDDocument document, PDPage page, String text) throws IOException {
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
            content.newLineAtOffset(50, 700);
            content.showText(text);
            content.endText();
        }
    }

    private static byte[] hugeImage() throws IOException {
        BufferedImage image = new BufferedImage(20_000, 20_000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
