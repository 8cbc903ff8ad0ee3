package fr.facteur.invoice;

import java.time.OffsetDateTime;

/**
 * A step of Chorus Pro's own history of a received invoice: Chorus Pro's id of the step (when given),
 * the status, when it was set, who set it (as Chorus Pro names them; null when it does not) and the
 * comment given with it.
 */
public record ChorusStep(Long stepId, String status, OffsetDateTime passedAt, String author, String comment) {
}
