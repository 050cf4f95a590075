package dev.parley.realtime.conversation;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late the virtual-thread scheduler currently runs work that became ready: a probe virtual thread sleeps
 * {@link #PERIOD_NANOS} at a time and records how much later than due it ran; while it is overdue, the time
 * since it was due counts.
 *
 * <p>Why: saturated, the scheduler's queues are where frames wait. The task that reads a client's or the
 * model's socket queues behind every other runnable task, and meanwhile the frames sit in socket buffers, a
 * wait Parley's own queues never see (their loop is woken right after the reader, so a frame spends
 * microseconds there while it spent a second before). The input loop adds this lag to a frame's queue time
 * when it decides whether audio is too old to relay, so the age rule sheds in both directions exactly when the
 * whole server, not one conversation, is behind, and stops once the backlog is gone.
 */
final class SchedulerLag implements AutoCloseable {

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** No lag at all: for a server that never sheds for age, and for tests. */
    static final SchedulerLag NONE = new SchedulerLag();

    private final Thread probe;
    private volatile long dueNanos = Long.MAX_VALUE;
    private volatile long lastLagNanos;
    private volatile boolean closed;

    private SchedulerLag() {
        this.probe = null;
    }

    private SchedulerLag(String name) {
        this.probe = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    /** A lag that stays at {@code nanos} (no probe): the loop harness's overloaded scheduler. */
    static SchedulerLag fixed(long nanos) {
        SchedulerLag lag = new SchedulerLag();
        lag.lastLagNanos = nanos;
        return lag;
    }

    /** Starts a probe on the virtual-thread scheduler. */
    static SchedulerLag start() {
        SchedulerLag lag = new SchedulerLag("realtime-scheduler-lag");
        lag.probe.start();
        return lag;
    }

    /** The scheduler's current lag in nanoseconds at {@code nowNanos} ({@link System#nanoTime()}); 0 if none. */
    long lagNanos(long nowNanos) {
        return lag(lastLagNanos, dueNanos, nowNanos);
    }

    /** The last measured lag, or the time the probe has been overdue if that is more. */
    static long lag(long lastLagNanos, long dueNanos, long nowNanos) {
        return Math.max(lastLagNanos, dueNanos == Long.MAX_VALUE ? 0 : nowNanos - dueNanos);
    }

    Thread probe() {
        return probe;
    }

    private void run() {
        while (!closed) {
            long due = System.nanoTime() + PERIOD_NANOS;
            dueNanos = due;
            LockSupport.parkNanos(PERIOD_NANOS);
            long late = System.nanoTime() - due;
            lastLagNanos = Math.max(0, late);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (probe != null) {
            LockSupport.unpark(probe);
        }
    }
}
