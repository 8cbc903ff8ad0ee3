package fr.facteur.invoice;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values read once per transaction, as an ORM's first-level cache: the steps of a job that read the
 * same invoice five times ask the database once. What a transaction writes, it evicts (or puts the
 * value it wrote); the cache ends with the transaction. Outside a transaction, or in a transaction
 * started inside another one ({@code REQUIRES_NEW}), nothing is kept: every read goes to the database.
 *
 * @param <K> the key (an invoice id, a dossier)
 * @param <V> the value read for it
 */
final class TransactionScopedCache<K, V> {

    private final TransactionScoped<Map<K, V>> values = new TransactionScoped<>(HashMap::new, null);

    V get(K key, Function<K, V> loader) {
        Map<K, V> read = values.current();
        if (read == null) {
            return loader.apply(key);
        }
        if (read.containsKey(key)) {
            return read.get(key);
        }
        V value = loader.apply(key);
        read.put(key, value);
        return value;
    }

    void put(K key, V value) {
        Map<K, V> read = values.current();
        if (read != null) {
            read.put(key, value);
        }
    }

    void evict(K key) {
        Map<K, V> read = values.current();
        if (read != null) {
            read.remove(key);
        }
    }
}
