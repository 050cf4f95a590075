package dev.parley.turn;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A thread's turn state: which turn runs, guarded by one lock. Starting, steering, interrupting, routing
 * and every recorded step of a turn happen under it, so "is a turn running?" and the notification order of
 * the thread never disagree. The lock is only held for quick, non-blocking work (store updates and
 * enqueueing notifications), never across model I/O or agent reports.
 */
final class TurnSlot {

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the running turn has ended (shutdown waits on it). */
    final Condition idle = lock.newCondition();
    @Nullable ActiveTurn running;

    /** Lock held: the running turn ended; wakes whoever waits for it. */
    void ended() {
        running = null;
        idle.signalAll();
    }

    /** Waits until no turn runs, at most until {@code deadline}; {@code true} when none runs. */
    boolean awaitIdle(Instant deadline) throws InterruptedException {
        lock.lock();
        try {
            while (running != null) {
                long left = deadline.toEpochMilli() - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                idle.await(left, TimeUnit.MILLISECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
