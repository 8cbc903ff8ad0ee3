package fr.facteur.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentTypeDetectorTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("PDF", ascii("%PDF-1.7\n%âãÏÓ\n"), "application/pdf"),
                Arguments.of("PDF after junk bytes", ascii("\r\n\r\n%PDF-1.4\n"), "application/pdf"),
                Arguments.of("PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0}, "image/png"),
                Arguments.of("JPEG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "image/jpeg"),
                Arguments.of("TIFF little-endian", new byte[] {'I', 'I', 42, 0, 8, 0}, "image/tiff"),
                Arguments.of("TIFF big-endian", new byte[] {'M', 'M', 0, 42, 0, 8}, "image/tiff"),
                Arguments.of("XML declaration", ascii("<?xml version=\"1.0\"?><Invoice/>"), "application/xml"),
                Arguments.of("XML with BOM and blanks", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        ascii("\n  <rsm:CrossIndustryInvoice/>")), "application/xml"),
                Arguments.of("ZIP", new byte[] {'P', 'K', 3, 4}, null),
                Arguments.of("plain text", ascii("Facture n° 12"), null),
                Arguments.of("less-than then digit", ascii("<3 factures"), null),
                Arguments.of("single byte", new byte[] {'<'}, null),
                Arguments.of("empty", new byte[0], null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void recognisesDocumentsByTheirContent(String name, byte[] bytes, String expected) {
        assertThat(DocumentTypeDetector.detect(bytes)).isEqualTo(Optional.ofNullable(expected));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
