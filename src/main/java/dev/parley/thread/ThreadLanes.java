package dev.parley.thread;

import dev.parley.error.ApiException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs thread-scoped operations one at a time, FIFO, per thread id, across all connections and REST
 * calls. An operation holds its thread's slot until the stage it returns completes: most return a
 * completed stage, {@code thread/realtime/start} holds the slot until the upstream connect has finished.
 * A thread's queue is bounded; a full queue rejects the operation at once.
 */
public final class ThreadLanes {

    /** A thread-scoped operation. */
    @FunctionalInterface
    public interface Operation {
        /**
         * Runs the operation; the lane moves on when the returned stage completes (normally or not).
         * Exceptions are the operation's own business: they are logged and release the slot.
         */
        CompletionStage<?> run();
    }

    private static final Logger log = LoggerFactory.getLogger(ThreadLanes.class);

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Executor executor;
    private final int queueLimit;

    public ThreadLanes(Executor executor, int queueLimit) {
        this.executor = executor;
        this.queueLimit = queueLimit;
    }

    /**
     * Queues an operation behind the thread's earlier ones.
     *
     * @throws ApiException overloaded, when the thread already has {@code queueLimit} pending operations
     */
    public void submit(String threadId, Operation operation) {
        submit(threadId, operation, false);
    }

    /**
     * Like {@link #submit}, but when the thread has nothing pending the operation runs at once on the calling
     * thread. Only for operations that never block; the caller's thread is borrowed for their duration.
     */
    public void submitInline(String threadId, Operation operation) {
        submit(threadId, operation, true);
    }

    private void submit(String threadId, Operation operation, boolean inlineWhenIdle) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(threadId, Lane::new);
            Lane.Offer offer = lane.offer(operation, inlineWhenIdle);
            if (offer == Lane.Offer.RETIRED) {
                lanes.remove(threadId, lane);
                continue;
            }
            if (offer == Lane.Offer.FULL) {
                throw ApiException.overloaded();
            }
            return;
        }
    }

    /**
     * Runs {@code action} in the thread's lane and waits for its result: how REST shares the FIFO with RPC.
     *
     * @throws ApiException overloaded when the lane is full, or whatever {@code action} throws
     */
    public <T> T call(String threadId, java.util.function.Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(threadId, () -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
            return CompletableFuture.completedFuture(null);
        });
        return join(result);
    }

    /**
     * Waits for a result an operation completes from inside a lane, throwing the operation's own unchecked
     * failure rather than the {@link CompletionException} that wraps it.
     */
    public static <T> T join(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Pending plus running operations of a thread, for tests and metrics. */
    public int pending(String threadId) {
        Lane lane = lanes.get(threadId);
        return lane == null ? 0 : lane.size();
    }

    private final class Lane {
        enum Offer { ACCEPTED, FULL, RETIRED }

        private final String threadId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Queue<Operation> queue = new ArrayDeque<>();
        private boolean running;
        private boolean retired;

        Lane(String threadId) {
            this.threadId = threadId;
        }

        Offer offer(Operation operation, boolean inlineWhenIdle) {
            boolean runHere = false;
            lock.lock();
            try {
                if (retired) {
                    return Offer.RETIRED;
                }
                if (queue.size() + (running ? 1 : 0) >= queueLimit) {
                    return Offer.FULL;
                }
                if (running) {
                    queue.add(operation);
                } else {
                    running = true;
                    if (inlineWhenIdle) {
                        runHere = true;
                    } else {
                        executor.execute(() -> runFrom(operation));
                    }
                }
            } finally {
                lock.unlock();
            }
            if (runHere) {
                runFrom(operation);
            }
            return Offer.ACCEPTED;
        }

        int size() {
            lock.lock();
            try {
                return queue.size() + (running ? 1 : 0);
            } finally {
                lock.unlock();
            }
        }

        private void runFrom(Operation operation) {
            CompletionStage<?> done;
            try (MDC.MDCCloseable ignored = MDC.putCloseable("threadId", threadId)) {
                done = operation.run();
            } catch (RuntimeException | Error e) {
                log.error("thread-scoped operation failed on thread {}", threadId, e);
                done = CompletableFuture.completedFuture(null);
            }
            if (done == null) {
                done = CompletableFuture.completedFuture(null);
            }
            done.whenComplete((result, failure) -> next());
        }

        private void next() {
            Operation following;
            lock.lock();
            try {
                following = queue.poll();
                if (following == null) {
                    running = false;
                    retired = true;
                    lanes.remove(threadId, this);
                    return;
                }
            } finally {
                lock.unlock();
            }
            executor.execute(() -> runFrom(following));
        }
    }
}
