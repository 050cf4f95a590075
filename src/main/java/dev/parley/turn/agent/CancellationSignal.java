package dev.parley.turn.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a backend to stop: set once, by the turn layer, when a turn is interrupted. A backend polls
 * {@link #isCancelled()} between steps or registers a hook that aborts a blocking read.
 */
public final class CancellationSignal {

    /** A registered hook; closing it unregisters the hook (a no-op once the signal has fired). */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> hooks = new ArrayList<>();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Fires the signal and runs every registered hook on the calling thread; later calls do nothing. */
    public void cancel() {
        List<Runnable> toRun;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(hooks);
            hooks.clear();
        } finally {
            lock.unlock();
        }
        toRun.forEach(Runnable::run);
    }

    /**
     * Runs {@code hook} on cancellation, or at once when already cancelled. Hooks must be quick and must not
     * throw (closing a stream is the typical hook). Close the registration when the guarded step is over,
     * so hooks do not pile up over the requests of a long turn.
     */
    public Registration onCancel(Runnable hook) {
        lock.lock();
        try {
            if (!cancelled) {
                hooks.add(hook);
                return () -> remove(hook);
            }
        } finally {
            lock.unlock();
        }
        hook.run();
        return () -> { };
    }

    private void remove(Runnable hook) {
        lock.lock();
        try {
            hooks.remove(hook);
        } finally {
            lock.unlock();
        }
    }
}
