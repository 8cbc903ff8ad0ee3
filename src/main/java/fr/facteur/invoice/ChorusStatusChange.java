package fr.facteur.invoice;

import java.time.OffsetDateTime;

/** A Chorus Pro status seen for an invoice: when Facteur saw it, and when Chorus set it. */
public record ChorusStatusChange(OffsetDateTime seenAt, OffsetDateTime statusTime, String from, String to) {
}
