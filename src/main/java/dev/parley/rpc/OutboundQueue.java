package dev.parley.rpc;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's ordered outbound queue: bounded, drained by one sender thread. Producers never block:
 * an offer that would exceed the bound reports overflow, and the connection is then closed as a slow
 * consumer (see {@link RpcConnection}).
 */
final class OutboundQueue {

    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);
    private static final String POISON = new String("<closed>");
    private static final String FINISH = new String("<finish>");

    private final BlockingQueue<String> queue;
    private final int limit;
    private final Thread sender;
    private final ReentrantLock drainedLock = new ReentrantLock();
    private final Condition drained = drainedLock.newCondition();
    private volatile boolean readerWaiting;
    private volatile boolean closed;
    private volatile boolean finishing;
    private volatile Runnable finisher = () -> { };

    OutboundQueue(String connectionId, int limit, Consumer<String> send) {
        // linked, not array-backed: an array of the bound would cost every connection 16 KiB up front.
        // One extra place so that close() can always wake the sender.
        this.queue = new LinkedBlockingQueue<>(limit + 1);
        this.limit = limit;
        this.sender = Thread.ofVirtual().name("rpc-out-" + connectionId).unstarted(() -> drain(send));
    }

    void start() {
        sender.start();
    }

    /** Queues a message; returns {@code false} when the bound is reached (the caller closes the connection). */
    boolean offer(String message) {
        if (closed || finishing) {
            return true;
        }
        if (queue.size() >= limit) {
            return false;
        }
        return queue.offer(message);
    }

    /**
     * Lets the sender write everything queued so far, then run {@code then} and stop; later offers are dropped.
     * Returns {@code false} (and {@code then} never runs) when the queue is closed or has no room for the mark.
     */
    boolean finish(Runnable then) {
        if (closed || finishing) {
            return false;
        }
        finisher = then;
        finishing = true;
        // the place kept free for POISON takes the mark; offers racing past the bound may have taken it
        return queue.offer(FINISH);
    }

    /** Discards everything queued and stops the sender. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queue.offer(POISON);
        sender.interrupt();
    }

    int size() {
        return queue.size();
    }

    /**
     * Waits until the queue holds at most {@code level} messages, at most {@code timeoutNanos}. The inbound
     * side calls it before dispatching, so a client that pipelines requests faster than it reads the answers
     * is slowed down (its socket is not read meanwhile) instead of being closed as a slow consumer.
     */
    void awaitAtMost(int level, long timeoutNanos) throws InterruptedException {
        if (queue.size() <= level || closed) {
            return;
        }
        drainedLock.lock();
        try {
            readerWaiting = true;
            long left = timeoutNanos;
            while (queue.size() > level && !closed && left > 0) {
                left = drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        } finally {
            readerWaiting = false;
            drainedLock.unlock();
        }
    }

    private void drain(Consumer<String> send) {
        try {
            while (!closed) {
                String message = queue.take();
                if (message == POISON || closed) {
                    return;
                }
                if (message == FINISH) {
                    closed = true;
                    finisher.run();
                    return;
                }
                send.accept(message);
                if (readerWaiting) {
                    drainedLock.lock();
                    try {
                        drained.signalAll();
                    } finally {
                        drainedLock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("outbound send stopped: {}", e.toString());
        }
    }
}
