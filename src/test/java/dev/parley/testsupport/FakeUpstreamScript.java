package dev.parley.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The script of one {@link FakeUpstream} connection: batch <i>k</i> is sent after the client's text frame
 * <i>k</i>; the options shape the handshake and the end of the connection.
 */
public final class FakeUpstreamScript {
    final List<List<FakeUpstreamOut>> batches = new ArrayList<>();
    Duration acceptDelay = Duration.ZERO;
    boolean neverAnswerHandshake;
    int handshakeStatus = 101;
    boolean closeAfterScript;
    boolean dropAfterScript;
    int stopReadingAfter = -1;

    /** Appends the batch sent after the next client frame (batch indices follow call order). */
    public FakeUpstreamScript batch(Object... messages) {
        List<FakeUpstreamOut> batch = new ArrayList<>();
        for (Object message : messages) {
            batch.add(message instanceof FakeUpstreamOut out ? out : new FakeUpstreamOut.Text((String) message));
        }
        batches.add(batch);
        return this;
    }

    public FakeUpstreamScript acceptDelay(Duration delay) {
        this.acceptDelay = delay;
        return this;
    }

    public FakeUpstreamScript neverAnswerHandshake() {
        this.neverAnswerHandshake = true;
        return this;
    }

    /** Answers the handshake with this HTTP status instead of 101 (then closes). */
    public FakeUpstreamScript rejectHandshake(int status) {
        this.handshakeStatus = status;
        return this;
    }

    public FakeUpstreamScript closeAfterScript() {
        this.closeAfterScript = true;
        return this;
    }

    /**
     * After the client's text frame {@code index} (and before its batch), stops reading the socket until
     * {@link FakeUpstream.Recording#resumeReading()}: a slow upstream that back-pressures the client.
     */
    public FakeUpstreamScript stopReadingAfter(int index) {
        this.stopReadingAfter = index;
        return this;
    }

    public FakeUpstreamScript dropAfterScript() {
        this.dropAfterScript = true;
        return this;
    }
}
