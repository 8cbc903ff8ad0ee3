package fr.facteur.extraction;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises the documents Facteur accepts from their first bytes, never from the name or the
 * content type a client declares: PDF, PNG, JPEG, TIFF and XML.
 */
public final class DocumentTypeDetector {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String TIFF = "image/tiff";
    public static final String XML = "application/xml";

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    /** PDF readers accept a header anywhere in the first kilobyte. */
    private static final int PDF_HEADER_WINDOW = 1024;

    private DocumentTypeDetector() {
    }

    public static Optional<String> detect(byte[] bytes) {
        if (startsWith(bytes, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, TIFF_LE) || startsWith(bytes, TIFF_BE)) {
            return Optional.of(TIFF);
        }
        if (indexOf(bytes, PDF_MAGIC, PDF_HEADER_WINDOW) >= 0) {
            return Optional.of(PDF);
        }
        if (looksLikeXml(bytes)) {
            return Optional.of(XML);
        }
        return Optional.empty();
    }

    private static boolean looksLikeXml(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i + 1 >= bytes.length || bytes[i] != '<') {
            return false;
        }
        byte next = bytes[i + 1];
        return next == '?' || Character.isLetter(next);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte[] needle, int window) {
        int last = Math.min(bytes.length, window) - needle.length;
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
