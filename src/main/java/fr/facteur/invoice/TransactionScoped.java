package fr.facteur.invoice;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction: created at its first use, handed to
 * {@code beforeCommit} (if given) just before the transaction commits, forgotten when it ends.
 * Outside a transaction, or in a transaction started inside another one ({@code REQUIRES_NEW}),
 * there is none ({@link #current} answers null) and the caller works directly with the database.
 *
 * @param <T> the value (the reads of a transaction, the lines it will write)
 */
final class TransactionScoped<T> {

    /** The value of one transaction and the synchronization that ends it. */
    private record Bound<T>(T value, TransactionSynchronization owner) {
    }

    private final Supplier<T> create;
    private final Consumer<T> beforeCommit;

    TransactionScoped(Supplier<T> create, Consumer<T> beforeCommit) {
        this.create = create;
        this.beforeCommit = beforeCommit;
    }

    /** The current transaction's value; null outside a transaction or in one nested in another. */
    @SuppressWarnings("unchecked")
    T current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Bound<T> bound = (Bound<T>) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            // a REQUIRES_NEW transaction sees the resources of the one it suspended, not its synchronizations
            return TransactionSynchronizationManager.getSynchronizations().contains(bound.owner()) ? bound.value() : null;
        }
        T value = create.get();
        TransactionSynchronization owner = new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (beforeCommit != null) {
                    beforeCommit.accept(value);
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScoped.this);
            }
        };
        TransactionSynchronizationManager.bindResource(this, new Bound<>(value, owner));
        TransactionSynchronizationManager.registerSynchronization(owner);
        return value;
    }
}
