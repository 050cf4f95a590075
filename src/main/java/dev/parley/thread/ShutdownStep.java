package dev.parley.thread;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One step of the graceful shutdown ({@link ShutdownPhases}): does nothing at startup and runs its action once
 * when the context closes. The action gets a deadline, {@code timeout} from the moment the step begins, and
 * must return by then (Spring does not bound a synchronous stop), so the whole shutdown stays within
 * {@code spring.lifecycle.timeout-per-shutdown-phase} per phase.
 */
public final class ShutdownStep implements SmartLifecycle {

    /** What a step does; it returns by {@code deadline}, having given up on whatever did not end by then. */
    @FunctionalInterface
    public interface Action {
        void run(Instant deadline) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(ShutdownStep.class);

    private final String name;
    private final int phase;
    private final Duration timeout;
    private final Action action;
    private volatile boolean running;

    public ShutdownStep(String name, int phase, Duration timeout, Action action) {
        this.name = name;
        this.phase = phase;
        this.timeout = timeout;
        this.action = action;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        long began = System.nanoTime();
        try {
            action.run(Instant.now().plus(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("shutdown: {} interrupted", name);
        } catch (RuntimeException e) {
            // a failed step must not keep the later ones (the store flush above all) from running
            log.error("shutdown: {} failed", name, e);
        }
        log.info("shutdown: {} done in {} ms", name, (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * A paused context (Spring's test context cache pauses the contexts it is not using) is resumed later, while
     * a shutdown step is final: only the close of the context runs it.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
