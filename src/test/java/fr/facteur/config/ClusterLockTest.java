package fr.facteur.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.support.TestDatabase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes are two database sessions: here two instances of the lock on one real PostgreSQL, each
 * with its own connections, as two Facteur nodes have.
 */
class ClusterLockTest {

    private final DriverManagerDataSource database = new DriverManagerDataSource(TestDatabase.newDatabase(), "postgres", "");
    private final ClusterLock nodeA = lock();
    private final ClusterLock nodeB = lock();

    @Test
    void aPollingChannelHasOneConsumerAtATime() throws Exception {
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> nodeA.tryExclusively("capture:hot-folder", () -> {
            aInside.countDown();
            await(release);
        }));
        assertThat(aInside.await(10, TimeUnit.SECONDS)).isTrue();

        List<String> ran = new CopyOnWriteArrayList<>();
        assertThat(nodeB.tryExclusively("capture:hot-folder", () -> ran.add("B"))).isFalse();
        assertThat(nodeB.tryExclusively("capture:mailbox:factures@imap", () -> ran.add("B mail"))).isTrue();
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isTrue();
        // A is done (or dead: its session's lock goes with it): B takes its turn
        assertThat(nodeB.tryExclusively("capture:hot-folder", () -> ran.add("B"))).isTrue();
        assertThat(ran).containsExactly("B mail", "B");
    }

    @Test
    void seedingNodesTakeTurns() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> nodeA.inTransactionAlone("seed:demo-users", () -> {
            order.add("A starts");
            aInside.countDown();
            await(release);
            order.add("A ends");
            return null;
        }));
        assertThat(aInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Object> b = CompletableFuture.supplyAsync(() -> nodeB.inTransactionAlone("seed:demo-users", () -> {
            order.add("B starts");
            return null;
        }));
        Thread.sleep(500);
        assertThat(b).isNotDone();
        release.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("A starts", "A ends", "B starts");
    }

    private ClusterLock lock() {
        return new ClusterLock(database, JdbcClient.create(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
