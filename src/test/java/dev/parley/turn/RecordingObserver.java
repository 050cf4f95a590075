package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link TurnObserver} that queues every report for a test to take in order. */
final class RecordingObserver implements TurnObserver {

    private final BlockingQueue<TurnReport> reports = new LinkedBlockingQueue<>();

    @Override
    public void report(TurnReport report) {
        reports.add(report);
    }

    /** The next report (waits up to 10 s). */
    TurnReport next() {
        try {
            TurnReport report = reports.poll(10, TimeUnit.SECONDS);
            assertThat(report).as("a turn report within 10 s").isNotNull();
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void clear() {
        reports.clear();
    }
}
