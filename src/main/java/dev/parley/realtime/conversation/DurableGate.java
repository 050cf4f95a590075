package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.thread.NotificationPublisher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "deferred until durable" queue of one conversation ({@code 09} §3): an item's {@code item/completed} goes out
 * only once its write is durable, and every later timeline notification of the conversation goes out after it,
 * yet no thread of the audio path waits for the store. A write is submitted (write-behind) and {@link #holdUntil}
 * puts a barrier in the queue; from then on {@link #toSubscribers} queues instead of sending, and the write's
 * completion releases the queue, in order, up to the next barrier that is still pending.
 *
 * <p>Output audio never passes through here (the caller sends it straight to the publisher), so it overtakes the
 * held notifications; that is the point. While nothing is held a notification goes straight out, under an
 * uncontended lock, without allocating.
 *
 * <p>Bounded: a barrier is released when its write completes, fails (logged) or has not completed after
 * {@code durableWait} (logged; the notification goes out anyway, as before this queue existed); a write submitted
 * while the store is down holds nothing. If the queue still grows past {@code maxHeld} entries, everything is
 * released at once (logged) rather than hold more.
 */
final class DurableGate implements NotificationPublisher {

    private static final Logger log = LoggerFactory.getLogger(DurableGate.class);
    private static final Long TIMED_OUT = Long.MIN_VALUE;
    /** The release runs off the store's writer thread, so fan-out never delays the next commit. */
    private static final Executor RELEASE = task -> Thread.ofVirtual().name("realtime-timeline-release").start(task);

    /** A write whose durability the queue behind it waits for. */
    private static final class Barrier {
        boolean released;
    }

    private record Held(String threadId, NotificationMethod<Record> method, Record params) { }

    private final NotificationPublisher out;
    private final Duration durableWait;
    private final int maxHeld;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    DurableGate(NotificationPublisher out, Duration durableWait, int maxHeld) {
        this.out = out;
        this.durableWait = durableWait;
        this.maxHeld = maxHeld;
    }

    @Override
    public <P extends Record> void broadcast(NotificationMethod<P> method, P params) {
        out.broadcast(method, params);
    }

    /** Sends now when nothing is held, else queues behind what is (the publisher never blocks on a client). */
    @Override
    @SuppressWarnings("unchecked")
    public <P extends Record> void toSubscribers(String threadId, NotificationMethod<P> method, P params) {
        lock.lock();
        try {
            if (held.isEmpty()) {
                out.toSubscribers(threadId, method, params);
                return;
            }
            held.add(new Held(threadId, (NotificationMethod<Record>) method, params));
            if (held.size() > maxHeld) {
                log.warn("realtime timeline: {} notifications held for writes not yet durable; releasing them",
                        held.size());
                releaseAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds every later notification until {@code write} completes. {@code storeWritable} false: the store is down
     * and the write stays queued, so nothing is held for it. Never waits.
     */
    void holdUntil(CompletableFuture<Long> write, boolean storeWritable, String itemId) {
        if (write.isDone()) {
            report(write.handle((position, failure) -> failure).join(), false, itemId);
            return;
        }
        if (!storeWritable) {
            log.warn("realtime timeline item {} queued while the store is unavailable", itemId);
            return;
        }
        Barrier barrier = new Barrier();
        lock.lock();
        try {
            held.add(barrier);
        } finally {
            lock.unlock();
        }
        write.copy().completeOnTimeout(TIMED_OUT, durableWait.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((position, failure) -> {
                    report(failure, TIMED_OUT.equals(position) && !write.isDone(), itemId);
                    release(barrier);
                }, RELEASE);
    }

    /**
     * Waits until nothing is held (each barrier is bounded, so this is too); used where the caller must come after
     * every held notification: the start ({@code started} follows the stored start item) and the end
     * ({@code closed} last). Interrupted (shutdown out of time): releases everything at once.
     */
    void awaitReleased() {
        lock.lock();
        try {
            while (!held.isEmpty()) {
                empty.await();
            }
        } catch (InterruptedException e) {
            releaseAll();
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void release(Barrier barrier) {
        lock.lock();
        try {
            barrier.released = true;
            drain();
        } finally {
            lock.unlock();
        }
    }

    /** Lock held. */
    private void releaseAll() {
        for (Object entry : held) {
            if (entry instanceof Barrier barrier) {
                barrier.released = true;
            }
        }
        drain();
    }

    /** Lock held: sends from the head up to the first barrier still pending. */
    private void drain() {
        while (!held.isEmpty()) {
            Object head = held.peek();
            if (head instanceof Barrier barrier && !barrier.released) {
                return;
            }
            held.poll();
            if (head instanceof Held notification) {
                try {
                    out.toSubscribers(notification.threadId(), notification.method(), notification.params());
                } catch (RuntimeException e) {
                    log.error("realtime timeline: a held notification could not be published", e);
                }
            }
        }
        empty.signalAll();
    }

    private static void report(@Nullable Throwable failure, boolean timedOut, String itemId) {
        if (failure != null) {
            log.error("realtime timeline item {} could not be stored", itemId, failure);
        } else if (timedOut) {
            log.error("realtime timeline item {} not durable in time; published anyway", itemId);
        }
    }
}
