package fr.facteur.capture;

import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;

/**
 * A document arriving through any channel.
 *
 * @param actor who brought it (a user name, or the channel's technical name)
 */
public record IntakeRequest(byte[] content, String filename, Direction direction, Channel channel, String actor) {
}
