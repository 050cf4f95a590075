package dev.parley.error;

import java.time.Duration;

/**
 * How a failure message names a timeout, the same wherever it happens (an upstream connect, an agent request):
 * {@code timed out after 10s}, with the duration written the way the configuration writes it.
 */
public final class Timeouts {

    private Timeouts() {
    }

    /** {@code timed out after 10s}, {@code timed out after 1500ms}. */
    public static String timedOutAfter(Duration timeout) {
        return "timed out after " + format(timeout);
    }

    /** {@code 10s}, {@code 1500ms}: the way durations are written in the configuration. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
