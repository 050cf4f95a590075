package dev.parley.realtime.upstream;

import static dev.parley.testsupport.FakeUpstream.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.parley.testsupport.FakeUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded inbound queue: back-pressure without loss, and the wake-up callback. */
@Timeout(20)
class UpstreamSocketFlowControlTest {

    @Test
    void aFullQueueStopsReadingAndResumesWithoutLosingMessages() throws Exception {
        Object[] batch = new Object[200];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = "{\"type\":\"session.updated\",\"session\":{\"id\":\"s" + i + "\"}}";
        }
        WebSocketUpstreamConnector connector = new WebSocketUpstreamConnector(
                WebSocketUpstreamConnector.Settings.defaults().withInboundCapacity(2));
        Semaphore wakeUps = new Semaphore(0);
        try (FakeUpstream fake = FakeUpstream.start(script().batch(batch))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()), wakeUps::release);
            // Nothing is read yet: the listener may have queued at most the capacity.
            assertThat(wakeUps.tryAcquire(3, 300, TimeUnit.MILLISECONDS)).isFalse();
            List<String> received = new ArrayList<>();
            for (int i = 0; i < batch.length; i++) {
                UpstreamInbound item = session.take();
                received.add(assertInstanceOf(UpstreamInbound.Text.class, item).json());
            }
            assertEquals(List.of(batch), received);
            assertEquals(Optional.empty(), session.poll());
            session.close();
        }
    }

    @Test
    void pollWithTimeoutReturnsEmptyWhenNothingArrives() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script())) {
            UpstreamSession session = UpstreamFixtures.connector().connect(UpstreamFixtures.v2(fake.baseUrl()));
            assertEquals(Optional.empty(), session.poll(Duration.ofMillis(50)));
            session.close();
            assertInstanceOf(UpstreamInbound.EndOfStream.class, session.poll(Duration.ofMillis(50)).orElseThrow());
        }
    }
}
