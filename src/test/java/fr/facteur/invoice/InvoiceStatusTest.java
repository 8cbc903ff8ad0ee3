package fr.facteur.invoice;

import static fr.facteur.invoice.InvoiceStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every pair of statuses: the moves the circuits make are allowed, every other one is refused. */
class InvoiceStatusTest {

    /** Written out again on purpose, from the processes: the table in InvoiceStatus must say the same. */
    private static final Map<InvoiceStatus, Set<InvoiceStatus>> ALLOWED = Map.ofEntries(
            Map.entry(RECEIVED, EnumSet.of(TO_VALIDATE, DUPLICATE, VALIDATED, DISPUTED, REJECTED, MANDATED, PAID,
                    TO_CONFIRM)),
            Map.entry(TO_VALIDATE, EnumSet.of(VALIDATED, DISPUTED, REJECTED, DUPLICATE)),
            Map.entry(VALIDATED, EnumSet.of(MANDATED, PAID)),
            Map.entry(DISPUTED, EnumSet.of(TO_VALIDATE, REJECTED)),
            Map.entry(MANDATED, EnumSet.of(PAID)),
            Map.entry(TO_CONFIRM, EnumSet.of(DEPOSITED, SENT, TO_CORRECT, ABANDONED)),
            Map.entry(TO_CORRECT, EnumSet.of(TO_CONFIRM, DEPOSITED, SENT, ABANDONED)),
            Map.entry(DEPOSITED, EnumSet.of(SENT, TO_CORRECT, UNFOLLOWED)),
            Map.entry(SENT, EnumSet.of(TO_COMPLETE, TO_RECYCLE, TO_CORRECT, PAID, UNFOLLOWED)),
            Map.entry(TO_COMPLETE, EnumSet.of(SENT, TO_RECYCLE, TO_CORRECT, PAID, UNFOLLOWED)),
            Map.entry(TO_RECYCLE, EnumSet.of(SENT, TO_COMPLETE, TO_CORRECT, PAID, UNFOLLOWED)),
            Map.entry(REJECTED, EnumSet.noneOf(InvoiceStatus.class)),
            Map.entry(PAID, EnumSet.noneOf(InvoiceStatus.class)),
            Map.entry(DUPLICATE, EnumSet.noneOf(InvoiceStatus.class)),
            Map.entry(ABANDONED, EnumSet.noneOf(InvoiceStatus.class)),
            Map.entry(UNFOLLOWED, EnumSet.noneOf(InvoiceStatus.class)));

    @Test
    void everyPairIsDecided() {
        assertThat(ALLOWED).containsOnlyKeys(InvoiceStatus.values());
        for (InvoiceStatus from : InvoiceStatus.values()) {
            for (InvoiceStatus to : InvoiceStatus.values()) {
                boolean expected = from == to || ALLOWED.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
            }
        }
    }

    /** The final statuses are written out in SQL too (InvoiceRepository.finalWithoutRetention, migration V17's index). */
    @Test
    void theFinalStatusesAreTheOnesTheFilingSweepReads() {
        assertThat(java.util.Arrays.stream(InvoiceStatus.values()).filter(InvoiceStatus::isFinal))
                .containsExactlyInAnyOrder(PAID, REJECTED, DUPLICATE, ABANDONED, UNFOLLOWED);
    }

    @Test
    void aRejectedInvoiceIsNeverApprovedAndAPaidOneNeverMoves() {
        assertThat(REJECTED.canMoveTo(VALIDATED)).isFalse();
        assertThat(PAID.isFinal()).isTrue();
        assertThat(new IllegalStatusChangeException(7, REJECTED, VALIDATED))
                .hasMessage("La facture 7 ne peut pas passer de « Rejetée » à « Validée » : ce statut est définitif.");
    }
}
