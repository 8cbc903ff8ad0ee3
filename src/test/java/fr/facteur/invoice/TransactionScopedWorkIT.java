package fr.facteur.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.support.ApplicationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a transaction keeps for itself to spare statements: the invoices it read (a write reads them
 * anew) and the audit lines it recorded (written together just before it commits, in order, chained).
 * The rows are changed behind the transaction's back through a second connection, to tell a read
 * from the database from a read kept.
 */
@ApplicationTest
class TransactionScopedWorkIT {

    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceRepository repository;
    @Autowired
    private InvoiceAudit audit;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aTransactionReadsAnInvoiceOnceAndReadsItAgainAfterItsOwnWrites() {
        long id = newInvoice();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            assertThat(repository.find(id).orElseThrow().index().invoiceNumber()).isEqualTo("N-1");
            renameBehindTheTransactionsBack(id, "N-2");
            assertThat(repository.find(id).orElseThrow().index().invoiceNumber())
                    .as("read kept for the transaction").isEqualTo("N-1");

            Invoice moved = invoices.changeStatus(id, InvoiceStatus.TO_VALIDATE, "test", null);
            assertThat(moved.status()).isEqualTo(InvoiceStatus.TO_VALIDATE);
            assertThat(moved.index().invoiceNumber()).as("a write reads the row as it is").isEqualTo("N-2");
            assertThat(repository.find(id).orElseThrow().status()).isEqualTo(InvoiceStatus.TO_VALIDATE);
        });
        transaction.executeWithoutResult(status -> {
            assertThat(repository.find(id).orElseThrow().index().invoiceNumber()).isEqualTo("N-2");
            renameBehindTheTransactionsBack(id, "N-3");
            // reading to write (the row locked) reads the database, and is kept
            assertThat(repository.findForUpdate(id).orElseThrow().index().invoiceNumber()).isEqualTo("N-3");
            assertThat(repository.find(id).orElseThrow().index().invoiceNumber()).isEqualTo("N-3");
        });
        // outside a transaction, every read goes to the database
        renameBehindTheTransactionsBack(id, "N-4");
        assertThat(repository.find(id).orElseThrow().index().invoiceNumber()).isEqualTo("N-4");
    }

    @Test
    void aTransactionStartedInsideAnotherReadsFromTheDatabase() {
        long id = newInvoice();
        TransactionTemplate outer = new TransactionTemplate(transactionManager);
        TransactionTemplate inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        outer.executeWithoutResult(status -> {
            repository.find(id);
            renameBehindTheTransactionsBack(id, "N-9");
            String readInside = inner.execute(nested -> repository.find(id).orElseThrow().index().invoiceNumber());
            assertThat(readInside).isEqualTo("N-9");
        });
    }

    @Test
    void theAuditLinesOfATransactionAreWrittenAtItsCommitInOrderAndChained() {
        long id = newInvoice();
        int before = audit.trail(id).size();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            for (int line = 1; line <= 5; line++) {
                audit.record(id, "test", AuditAction.FIELD_CHANGED, "ligne " + line, Map.of("line", line));
            }
            assertThat(linesInDatabase(id)).as("not written before the commit").isEqualTo(before);
            // the trail read inside the transaction has them (they are written first)
            assertThat(audit.trail(id)).extracting(AuditEntry::summary).endsWith("ligne 1", "ligne 2", "ligne 3",
                    "ligne 4", "ligne 5");
            audit.record(id, "test", AuditAction.FIELD_CHANGED, "ligne 6", Map.of("line", 6));
        });
        List<AuditEntry> trail = audit.trail(id);
        assertThat(trail).hasSize(before + 6);
        assertThat(trail.subList(before, before + 6)).extracting(AuditEntry::summary)
                .containsExactly("ligne 1", "ligne 2", "ligne 3", "ligne 4", "ligne 5", "ligne 6");
        assertThat(trail.get(before + 5).details().get("line").asInt()).isEqualTo(6);
        InvoiceAudit.ChainVerification chain = audit.verifyChain(id);
        assertThat(chain.intact()).as(String.join("; ", chain.problems())).isTrue();
        // each line hangs on the one written just before it, those of the same statement included
        List<String> previous = jdbc.sql("SELECT previous_hash FROM facteur.invoice_audit WHERE invoice_id = :id ORDER BY id")
                .param("id", id).query(String.class).list();
        List<String> hashes = jdbc.sql("SELECT line_hash FROM facteur.invoice_audit WHERE invoice_id = :id ORDER BY id")
                .param("id", id).query(String.class).list();
        for (int line = 1; line < hashes.size(); line++) {
            assertThat(previous.get(line)).isEqualTo(hashes.get(line - 1));
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoAuditLineButWhatItRecordedRegardless() {
        long id = newInvoice();
        int before = linesInDatabase(id);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record(id, "test", AuditAction.FIELD_CHANGED, "annulée", Map.of());
            audit.recordRegardless(id, "test", AuditAction.FIELD_CHANGED, "gardée", Map.of());
            throw new IllegalStateException("échec");
        })).hasMessage("échec");
        assertThat(audit.trail(id)).hasSize(before + 1).last().extracting(AuditEntry::summary).isEqualTo("gardée");
    }

    private long newInvoice() {
        InvoiceIndex index = new InvoiceIndex("Fournisseur", "73282932000074", null, "Commune", "21750001600019",
                "N-1", LocalDate.of(2026, 11, 2), null, "EUR", new BigDecimal("100.00"), new BigDecimal("20.00"),
                new BigDecimal("120.00"), null, null);
        return invoices.register(new NewInvoice(Direction.RECEIVED, Channel.UPLOAD, "TEST:" + UUID.randomUUID(), null,
                index, null, null), null, "test").invoice().id();
    }

    /** Another connection changes the row and commits, as another node would. */
    private void renameBehindTheTransactionsBack(long id, String number) {
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        other.executeWithoutResult(status -> jdbc.sql("UPDATE facteur.invoice SET invoice_number = :number WHERE id = :id")
                .param("number", number).param("id", id).update());
    }

    private int linesInDatabase(long id) {
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return other.execute(status -> jdbc.sql("SELECT count(*) FROM facteur.invoice_audit WHERE invoice_id = :id")
                .param("id", id).query(Integer.class).single());
    }
}
