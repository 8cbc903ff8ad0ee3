package fr.facteur.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node at a time, across every Facteur node on the same PostgreSQL: PostgreSQL advisory locks
 * named after what they guard. A lock belongs to a database session, so a node that dies releases
 * its locks with its connections, and another node takes over at its next turn.
 */
@Component
public class ClusterLock {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public ClusterLock(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Runs {@code work} unless another node is running work of the same name right now (then does
     * nothing and answers false): a polling channel has one consumer at a time.
     */
    public boolean tryExclusively(String name, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, key(name));
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        connection.rollback();
                        return false;
                    }
                }
            }
            try {
                work.run();
            } finally {
                connection.rollback(); // nothing was written on this connection: ending it releases the lock
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the cluster lock " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in a transaction that first waits for the lock of that name: two nodes that
     * start together create the demo data or the first records once, one after the other.
     */
    public <T> T inTransactionAlone(String name, Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked").param("key", key(name))
                    .query(Integer.class).single();
            return work.get();
        });
    }

    /** A stable 64-bit key for a name (SHA-256, first 8 bytes), the same on every node. */
    static long key(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("facteur:" + name).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (hash[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
