package fr.facteur.invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference of a dispute in the mails Facteur sends to a supplier, {@code [Facteur litige 42-1a2b3c4d]}:
 * the invoice id and a check computed from the invoice's own key, so that a reply (whose subject keeps it)
 * finds its invoice and a made-up reference does not.
 */
public final class DisputeReference {

    private static final Pattern IN_SUBJECT = Pattern.compile("\\[Facteur litige (\\d{1,18})-([0-9a-f]{8})]");

    private DisputeReference() {
    }

    /** The reference of the invoice's disputes, as written in a subject. */
    public static String of(Invoice invoice) {
        return "[Facteur litige " + invoice.id() + "-" + check(invoice.id(), invoice.externalKey()) + "]";
    }

    /** A reference found in a subject: the invoice id and its check, still to be compared with {@link #matches}. */
    public record Found(long invoiceId, String check) {
    }

    public static Optional<Found> find(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher matcher = IN_SUBJECT.matcher(subject);
        return matcher.find() ? Optional.of(new Found(Long.parseLong(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    /** Whether a reference found in a subject is this invoice's. */
    public static boolean matches(Found found, Invoice invoice) {
        return found.invoiceId() == invoice.id()
                && MessageDigest.isEqual(found.check().getBytes(StandardCharsets.US_ASCII),
                        check(invoice.id(), invoice.externalKey()).getBytes(StandardCharsets.US_ASCII));
    }

    private static String check(long id, String externalKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((id + ":" + externalKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
