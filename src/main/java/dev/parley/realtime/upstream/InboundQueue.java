package dev.parley.realtime.upstream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The bounded queue between the socket listener and the reader, with demand-based flow control.
 *
 * <p>Capacity counts whole text messages only. The listener asks {@link #mayRequestMore()} after every
 * callback and requests more from the socket only while the queue has room; when the reader frees a slot
 * of a starved queue, the {@code resumeDemand} action requests again. So a slow reader back-pressures the
 * TCP stream and nothing is dropped. Terminal markers bypass the capacity; only the first one is kept.
 */
final class InboundQueue {

    private final int capacity;
    private final Runnable resumeDemand;
    private final Runnable onAvailable;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<UpstreamInbound> items = new ArrayDeque<>();
    private int messages;
    private boolean starved;
    private boolean terminalQueued;
    private boolean terminalTaken;

    InboundQueue(int capacity, Runnable resumeDemand, Runnable onAvailable) {
        this.capacity = capacity;
        this.resumeDemand = resumeDemand;
        this.onAvailable = onAvailable;
    }

    void addMessage(String json) {
        lock.lock();
        try {
            if (terminalQueued) {
                return;
            }
            items.add(new UpstreamInbound.Text(json));
            messages++;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        onAvailable.run();
    }

    /** Adds the end-of-stream or failure marker; returns false if a terminal marker was already queued. */
    boolean addTerminal(UpstreamInbound marker) {
        lock.lock();
        try {
            if (terminalQueued) {
                return false;
            }
            terminalQueued = true;
            items.add(marker);
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        onAvailable.run();
        return true;
    }

    /** True if the listener may request another callback now; otherwise demand resumes when a slot frees. */
    boolean mayRequestMore() {
        lock.lock();
        try {
            starved = messages >= capacity;
            return !starved;
        } finally {
            lock.unlock();
        }
    }

    Optional<UpstreamInbound> poll() {
        return Optional.ofNullable(next());
    }

    Optional<UpstreamInbound> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(awaitNext(timeout.toNanos()));
    }

    UpstreamInbound take() throws InterruptedException {
        UpstreamInbound item;
        do {
            item = awaitNext(Long.MAX_VALUE);
        } while (item == null);
        return item;
    }

    private @Nullable UpstreamInbound awaitNext(long nanos) throws InterruptedException {
        long remaining = nanos;
        lock.lockInterruptibly();
        try {
            while (items.isEmpty() && !terminalTaken && remaining > 0) {
                remaining = notEmpty.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
        return next();
    }

    private @Nullable UpstreamInbound next() {
        boolean resume = false;
        UpstreamInbound item;
        lock.lock();
        try {
            if (terminalTaken) {
                return new UpstreamInbound.EndOfStream();
            }
            item = items.poll();
            if (item instanceof UpstreamInbound.Text) {
                messages--;
                resume = starved && messages < capacity;
                starved = starved && !resume;
            } else if (item != null) {
                terminalTaken = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            resumeDemand.run();
        }
        return item;
    }
}
