package dev.parley.turn;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A thread's turn state: which turn runs, guarded by one lock. Starting, steering, interrupting, routing
 * and every recorded step of a turn happen under it, so "is a turn running?" and the notification order of
 * the thread never disagree. The lock is only held for quick, non-blocking work (store updates and
 * enqueueing notifications), never across model I/O or observer calls.
 */
final class TurnSlot {

    final ReentrantLock lock = new ReentrantLock();
    @Nullable ActiveTurn running;
}
