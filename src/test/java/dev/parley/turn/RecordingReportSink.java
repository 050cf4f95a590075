package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.realtime.conversation.AgentReport;
import dev.parley.realtime.conversation.AgentReportSink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link AgentReportSink} that queues every report for a test to take in order. */
final class RecordingReportSink implements AgentReportSink {

    private final BlockingQueue<AgentReport> reports = new LinkedBlockingQueue<>();

    @Override
    public void report(AgentReport report) {
        reports.add(report);
    }

    /** The next report (waits up to 10 s). */
    AgentReport next() {
        try {
            AgentReport report = reports.poll(10, TimeUnit.SECONDS);
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
