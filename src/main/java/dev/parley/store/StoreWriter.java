package dev.parley.store;

import dev.parley.error.ApiException;
import dev.parley.store.BatchCommitter.Pending;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of a database store: one thread takes writes in submission order and commits them in
 * batches, one transaction per batch. Two ways in:
 * <ul>
 * <li>{@link #execute} — a request's write: returns once it is committed, or throws
 *     {@code store unavailable: <reason>} and nothing was written (it fails at once while the store is down);</li>
 * <li>{@link #submit} — a write-behind write of the notification path: queued (bounded by
 *     {@code capacity}), its future completes once committed. While the store is down these are kept and
 *     retried every {@code retryInterval}; what does not fit is dropped and counted in one log line when the
 *     store is back.</li>
 * </ul>
 * Every write carries a key (the thread id) so a reader can wait for the writes of one thread
 * ({@link #awaitKey}) and see them; one submission order means positions allocated inside writes follow it.
 *
 * <p>A failed batch is told apart from a lost store by a probe write: if the probe commits, the batch is
 * replayed one write per transaction and a write that still fails is logged and dropped (a bug, not an
 * outage), so one bad write never blocks the queue.
 */
public final class StoreWriter implements AutoCloseable {

    /** One write, run inside the batch's transaction. */
    @FunctionalInterface
    public interface Write {
        void apply(JdbcClient jdbc);
    }

    /** The store's state as the writer last saw it. */
    public record Health(boolean up, @Nullable String reason) {
    }

    /** Completes a write-behind future that had to be dropped (the buffer was full while the store was down). */
    public static final class DroppedException extends RuntimeException {
        DroppedException() {
            super("history write dropped: the write-behind buffer was full while the store was unavailable", null,
                    false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final String storeName;
    private final BatchCommitter committer;
    private final StoreAvailability availability;
    private final int capacity;
    private final int batchSize;
    private final Duration retryInterval;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition closed = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<String, CompletableFuture<Void>> lastByKey = new ConcurrentHashMap<>();
    private final Thread thread;
    // guarded by lock
    private int queuedBehind;
    private boolean closing;
    private @Nullable CompletableFuture<Void> lastSubmitted;

    /**
     * @param storeName names the store in log lines (the file, or the URL without credentials)
     * @param probe a small write that proves the store takes writes
     */
    public StoreWriter(String storeName, JdbcClient jdbc, TransactionTemplate transactions, Write probe, int capacity,
            int batchSize, Duration retryInterval) {
        this.storeName = storeName;
        this.committer = new BatchCommitter(storeName, jdbc, transactions, probe);
        this.availability = new StoreAvailability(storeName, capacity, retryInterval);
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.retryInterval = retryInterval;
        this.thread = Thread.ofPlatform().name("parley-store-writer").daemon().start(this::run);
    }

    /**
     * A request's write: returns once it is committed.
     *
     * @throws ApiException {@code store unavailable: <reason>}; the write was not applied
     */
    public void execute(@Nullable String key, Write write) {
        Health now = availability.health();
        if (!now.up()) {
            throw ApiException.storeUnavailable(now.reason());
        }
        CompletableFuture<Void> durable = enqueue(key, write, true);
        try {
            durable.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * A write-behind write: queued behind everything submitted before it.
     *
     * @return completes once committed; completes with {@link DroppedException} when it had to be dropped
     */
    public CompletableFuture<Void> submit(@Nullable String key, Write write) {
        return enqueue(key, write, false);
    }

    /**
     * Waits until a write is committed (or was dropped).
     *
     * @throws ApiException {@code store unavailable: <reason>} while the store is down; the write stays queued
     */
    public void await(CompletionStage<Void> write) {
        await(write.toCompletableFuture(), true);
    }

    private void await(CompletableFuture<Void> future, boolean rethrow) {
        availability.awaitWhileUp(future);
        if (rethrow && future.isCompletedExceptionally()) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof DroppedException)) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
                }
            }
        }
    }

    /** Waits until every write submitted so far with this key is committed (or failed); see {@link #await}. */
    public void awaitKey(String key) {
        CompletableFuture<Void> last = lastByKey.get(key);
        if (last != null) {
            await(last, false);
        }
    }

    /** Waits until every write submitted so far is committed (or failed); see {@link #await}. */
    public void awaitAll() {
        CompletableFuture<Void> last;
        lock.lock();
        try {
            last = lastSubmitted;
        } finally {
            lock.unlock();
        }
        if (last != null) {
            await(last, false);
        }
    }

    /**
     * Writes everything queued so far, for shutdown. While the store is down it gives up at once (the caller
     * logs what is lost).
     *
     * @return whether everything submitted so far is committed
     */
    public boolean flush() {
        try {
            awaitAll();
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /**
     * The store's health for readiness: while up, a probe write proves it still takes writes (a stopped
     * database is noticed even when nothing else is written); while down, the reason.
     */
    public Health check() {
        if (availability.isUp()) {
            try {
                execute(null, committer.probe());
            } catch (ApiException e) {
                return availability.health();
            }
        }
        return availability.health();
    }

    public Health health() {
        return availability.health();
    }

    /** Flushes what it can, then stops the writer thread. */
    @Override
    public void close() {
        boolean flushed = flush();
        int lost;
        lock.lock();
        try {
            closing = true;
            lost = flushed ? 0 : queuedBehind;
            changed.signalAll();
            closed.signalAll();
        } finally {
            lock.unlock();
        }
        if (lost > 0) {
            log.warn("store {} is unavailable at shutdown: {} queued history writes could not be written", storeName,
                    lost);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> enqueue(@Nullable String key, Write write, boolean sync) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        lock.lock();
        try {
            if (closing) {
                durable.completeExceptionally(ApiException.storeUnavailable("the server is shutting down"));
                return durable;
            }
            if (!sync && queuedBehind >= capacity) {
                availability.dropped();
                durable.completeExceptionally(new DroppedException());
                return durable;
            }
            queue.add(new Pending(key, write, sync, durable));
            if (!sync) {
                queuedBehind++;
            }
            lastSubmitted = durable;
            if (key != null) {
                lastByKey.put(key, durable);
                durable.whenComplete((result, failure) -> lastByKey.remove(key, durable));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return durable;
    }

    private void run() {
        while (true) {
            List<Pending> batch = nextBatch();
            if (batch == null) {
                return;
            }
            if (batch.isEmpty()) {
                // down with nothing queued: probe now and then, so readiness comes back without traffic
                if (committer.probeWrites()) {
                    markUp();
                }
                continue;
            }
            try {
                committer.commit(batch);
                markUp();
            } catch (RuntimeException failure) {
                recover(batch, failure);
            }
        }
    }

    /**
     * The next batch in submission order; empty when the store is down and it is time to probe it; {@code null}
     * once closing and nothing is left.
     */
    private @Nullable List<Pending> nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                if (!availability.isUp()) {
                    if (!changed.await(retryInterval.toNanos(), TimeUnit.NANOSECONDS) && queue.isEmpty()) {
                        return List.of();
                    }
                } else {
                    changed.await();
                }
            }
            if (closing && !availability.isUp()) {
                // shutting down on a lost store: no more retries
                queue.forEach(pending -> pending.durable().completeExceptionally(
                        ApiException.storeUnavailable(availability.health().reason())));
                queue.clear();
                queuedBehind = 0;
                return null;
            }
            List<Pending> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
            while (batch.size() < batchSize && !queue.isEmpty()) {
                Pending pending = queue.poll();
                if (!pending.sync()) {
                    queuedBehind--;
                }
                batch.add(pending);
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** After a failed batch: replay it write by write if the store still takes writes, else keep it for later. */
    private void recover(List<Pending> batch, RuntimeException failure) {
        if (committer.probeWrites()) {
            committer.replayOneByOne(batch);
            markUp();
            return;
        }
        String reason = StoreFailures.reason(failure);
        lock.lock();
        try {
            // the batch goes back in front, in order; request writes fail (their callers answer the error)
            for (int i = batch.size() - 1; i >= 0; i--) {
                Pending pending = batch.get(i);
                if (!pending.sync()) {
                    queue.addFirst(pending);
                    queuedBehind++;
                }
            }
            markDown(reason);
        } finally {
            lock.unlock();
        }
        batch.stream().filter(Pending::sync)
                .forEach(pending -> pending.durable().completeExceptionally(ApiException.storeUnavailable(reason)));
        pause();
    }

    /** Lock held. Fails the request writes still queued: their callers must not wait for a retry. */
    private void markDown(String reason) {
        availability.markDown(reason, queuedBehind);
        queue.removeIf(pending -> {
            if (pending.sync()) {
                pending.durable().completeExceptionally(ApiException.storeUnavailable(reason));
                return true;
            }
            return false;
        });
    }

    private void markUp() {
        if (availability.isUp()) {
            return;
        }
        lock.lock();
        try {
            if (availability.isUp()) {
                return;
            }
            availability.markUp();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            if (!closing) {
                closed.await(retryInterval.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
