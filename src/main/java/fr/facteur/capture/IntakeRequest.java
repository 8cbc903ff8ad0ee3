package fr.facteur.capture;

import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import java.util.List;

/**
 * A document arriving through any channel.
 *
 * @param actor       who brought it (a user name, or the channel's technical name)
 * @param externalKey the natural key that makes a re-delivery harmless; null: the document's SHA-256
 * @param supporting  documents that come with it (the body of the mail it was attached to, ...)
 */
public record IntakeRequest(byte[] content, String filename, Direction direction, Channel channel, String actor,
                            String externalKey, List<SupportingDocument> supporting) {

    /** A document kept beside the invoice, not read as one. */
    public record SupportingDocument(byte[] content, String mediaType, String filename) {
    }

    public IntakeRequest {
        supporting = supporting == null ? List.of() : List.copyOf(supporting);
    }

    public IntakeRequest(byte[] content, String filename, Direction direction, Channel channel, String actor) {
        this(content, filename, direction, channel, actor, null, List.of());
    }
}
