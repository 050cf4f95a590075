package dev.parley.store;

import dev.parley.store.StoreWriter.Write;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the {@link StoreWriter}'s writes meet the database: a batch in one transaction, the probe write that tells
 * a lost store from a bad write, and the replay of a failed batch one write per transaction.
 */
final class BatchCommitter {

    /** A queued write and the future its submitter holds. */
    record Pending(@Nullable String key, Write write, boolean sync, CompletableFuture<Void> durable) {
    }

    /** The writer's own log category: these lines are the writer's. */
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final String storeName;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Write probe;

    BatchCommitter(String storeName, JdbcClient jdbc, TransactionTemplate transactions, Write probe) {
        this.storeName = storeName;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.probe = probe;
    }

    /** The small write that proves the store takes writes (readiness runs it as a request write). */
    Write probe() {
        return probe;
    }

    /** Commits the batch in one transaction and completes its futures; throws (and completes none) on failure. */
    void commit(List<Pending> batch) {
        transactions.executeWithoutResult(status -> batch.forEach(pending -> pending.write().apply(jdbc)));
        batch.forEach(pending -> pending.durable().complete(null));
    }

    /** Whether the store takes a write now. */
    boolean probeWrites() {
        try {
            transactions.executeWithoutResult(status -> probe.apply(jdbc));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A failed batch on a store that takes writes: each write alone; one that still fails is logged and dropped. */
    void replayOneByOne(List<Pending> batch) {
        for (Pending pending : batch) {
            try {
                transactions.executeWithoutResult(status -> pending.write().apply(jdbc));
                pending.durable().complete(null);
            } catch (RuntimeException e) {
                log.error("store {}: a write failed and is dropped", storeName, e);
                pending.durable().completeExceptionally(e);
            }
        }
    }
}
