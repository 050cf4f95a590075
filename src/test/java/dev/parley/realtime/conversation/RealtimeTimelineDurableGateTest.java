package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.V1_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.assertFrame;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.inDelta;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.inDone;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.outDelta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * A sealing write that is not yet durable holds the conversation's timeline notifications, never its audio
 * ({@code 09} §3, issues 9/10): over real sockets, against the fake upstream, with a store whose segment writes
 * complete only when the test releases them. While the write is pending, output audio reaches the client and
 * client audio reaches the upstream; {@code item/completed}, {@code transcript/done} and every later timeline
 * notification arrive only after the write completes, in the order of {@code 09} §3.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.realtime.startup-context=")
class RealtimeTimelineDurableGateTest extends AgentHandoffSupport {

    static final HeldTimelineStore STORE = new HeldTimelineStore();

    @TestConfiguration(proxyBeanMethods = false)
    static class HeldStore {
        @Bean
        @Primary
        RealtimeTimelineStore heldTimelineStore() {
            return STORE;
        }
    }

    @AfterEach
    void releaseWrites() {
        STORE.release();
    }

    static String outAudio(String v) {
        return v.equals("v1") ? V1_AUDIO : v2Audio("item_a", 480);
    }

    RealtimeClient started(String v) {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        c.awaitResponse(c.start("\"version\":\"" + v + "\""));
        c.awaitNotification("thread/realtime/started");
        return c;
    }

    static void upstreamSends(String event) throws Exception {
        UPSTREAM.connection(0).send(FakeUpstream.text(event));
    }

    static List<String> methods(RealtimeClient c) {
        return c.rpc.log().stream().map(RpcTestClient.Received::message).filter(m -> !m.has("id"))
                .map(m -> m.path("method").asString("")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void pendingSeal_audioFlowsBothWays_timelineWaitsForTheWrite(String v) throws Exception {
        RealtimeClient c = started(v);
        STORE.hold();
        upstreamSends(inDelta(v, "hello "));
        upstreamSends(inDone("Hello."));
        STORE.awaitPending(1);

        // output audio after the sealing done reaches the client while the seal is not durable
        upstreamSends(outAudio(v));
        c.awaitNotification("thread/realtime/outputAudio/delta");
        // client audio still reaches the upstream
        int before = UPSTREAM.connection(0).frames().size();
        c.audio();
        assertFrame(UPSTREAM.connection(0).awaitFrames(before + 1, AWAIT).get(before), UP_AUDIO);
        // a later segment opens and streams while the first one is still held
        upstreamSends(outDelta(v, "Sure"));
        upstreamSends(outAudio(v));
        c.awaitNotification("thread/realtime/outputAudio/delta");

        assertThat(methods(c)).doesNotContain("thread/realtime/transcript/done");
        assertThat(TimelineTrace.of(c.rpc).lines()).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 user ''",
                "item/delta S1 'hello '",
                "transcript/delta user 'hello '");

        STORE.release();
        c.await("thread/realtime/transcript/delta", p -> p.get("role").asString().equals("assistant"));
        c.stop();
        c.awaitClosed("requested");
        assertThat(TimelineTrace.of(c.rpc).lines()).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 user ''",
                "item/delta S1 'hello '",
                "transcript/delta user 'hello '",
                "item/completed S1 user 'hello '",
                "transcript/done user 'Hello.'",
                "item/started S2 assistant ''",
                "item/delta S2 'Sure'",
                "transcript/delta assistant 'Sure'",
                "item/completed S2 assistant 'Sure'",
                "item/started sessionClosed ended",
                "item/completed sessionClosed ended",
                "closed requested");
        // both audio frames went out before the held item/completed
        List<String> methods = methods(c);
        assertThat(methods.stream().filter(m -> m.equals("thread/realtime/outputAudio/delta"))).hasSize(2);
        assertThat(methods.lastIndexOf("thread/realtime/outputAudio/delta")).isLessThan(indexOfSegmentCompleted(c));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void stopWhileTheEndSealIsPending_closedComesLastAfterTheWrite(String v) throws Exception {
        RealtimeClient c = started(v);
        upstreamSends(outDelta(v, "half"));
        c.awaitNotification("thread/realtime/transcript/delta");
        STORE.hold();
        c.stop();
        STORE.awaitPending(1);

        // the seal is not durable: nothing of the end is out yet, closed least of all
        assertThat(methods(c)).doesNotContain("thread/realtime/closed");
        assertThat(TimelineTrace.of(c.rpc).lines()).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 assistant ''",
                "item/delta S1 'half'",
                "transcript/delta assistant 'half'");

        STORE.release();
        c.awaitClosed("requested");
        assertThat(TimelineTrace.of(c.rpc).lines()).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 assistant ''",
                "item/delta S1 'half'",
                "transcript/delta assistant 'half'",
                "item/completed S1 assistant 'half'",
                "item/started sessionClosed ended",
                "item/completed sessionClosed ended",
                "closed requested");
    }

    /** The index, among the client's notifications, of the first {@code item/completed} of a segment. */
    private static int indexOfSegmentCompleted(RealtimeClient c) {
        List<JsonNode> notifications = c.rpc.log().stream().map(RpcTestClient.Received::message)
                .filter(m -> !m.has("id")).toList();
        for (int i = 0; i < notifications.size(); i++) {
            JsonNode m = notifications.get(i);
            if (m.path("method").asString("").equals("thread/realtime/item/completed")
                    && m.at("/params/item/type").asString("").equals("transcriptSegment")) {
                return i;
            }
        }
        throw new AssertionError("no segment item/completed");
    }
}
