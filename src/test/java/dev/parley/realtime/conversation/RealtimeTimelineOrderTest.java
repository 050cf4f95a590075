package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.quote;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.FakeUpstreamScript;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The live order of {@code 09} §3 over real sockets, for V1 and V2: the timeline notifications beside the legacy
 * ones, segments per role, sealing by done and by the end of the conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.realtime.startup-context=")
class RealtimeTimelineOrderTest extends AgentHandoffSupport {

    static String inDelta(String version, String delta) {
        String type = version.equals("v1") ? "conversation.input_transcript.delta"
                : "conversation.item.input_audio_transcription.delta";
        return "{\"type\":\"" + type + "\",\"delta\":" + quote(delta) + "}";
    }

    static String inDone(String transcript) {
        return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"transcript\":" + quote(transcript)
                + "}";
    }

    static String outDelta(String version, String delta) {
        String type = version.equals("v1") ? "conversation.output_transcript.delta"
                : "response.output_audio_transcript.delta";
        return "{\"type\":\"" + type + "\",\"delta\":" + quote(delta) + "}";
    }

    static String outDone(String transcript) {
        return "{\"type\":\"response.output_audio_transcript.done\",\"transcript\":" + quote(transcript) + "}";
    }

    RealtimeClient startedWith(String version, FakeUpstreamScript... scripts) {
        UPSTREAM.reset(scripts);
        RealtimeClient c = client();
        c.awaitResponse(c.start("\"version\":\"" + version + "\""));
        c.awaitNotification("thread/realtime/started");
        return c;
    }

    static List<String> stopAndTrace(RealtimeClient c) {
        c.stop();
        c.awaitClosed("requested");
        return TimelineTrace.of(c.rpc).lines();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void bargeIn_bothRolesInterleaved_eachRoleHasItsSegment(String v) {
        RealtimeClient c = startedWith(v, FakeUpstream.script().batch(su("s"), outDelta(v, "Let me "),
                inDelta(v, "wait "), outDelta(v, "check"), inDelta(v, "stop"), inDone("Wait, stop."),
                outDone("Let me check.")));
        c.await("thread/realtime/transcript/done", p -> p.get("role").asString().equals("assistant"));

        assertThat(stopAndTrace(c)).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 assistant ''",
                "item/delta S1 'Let me '",
                "transcript/delta assistant 'Let me '",
                "item/started S2 user ''",
                "item/delta S2 'wait '",
                "transcript/delta user 'wait '",
                "item/delta S1 'check'",
                "transcript/delta assistant 'check'",
                "item/delta S2 'stop'",
                "transcript/delta user 'stop'",
                // sealed with the accumulated deltas; the legacy done keeps the done's own text
                "item/completed S2 user 'wait stop'",
                "transcript/done user 'Wait, stop.'",
                "item/completed S1 assistant 'Let me check'",
                "transcript/done assistant 'Let me check.'",
                "item/started sessionClosed ended",
                "item/completed sessionClosed ended",
                "closed requested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void doneWithoutDeltas_isAWholeSegmentWithOneItemDeltaAndNoLegacyDelta(String v) {
        RealtimeClient c = startedWith(v, FakeUpstream.script().batch(su("s"), inDone("hello there"),
                inDelta(v, "next "), inDone("ignored, deltas win")));
        c.awaitNotification("thread/realtime/transcript/done");
        c.awaitNotification("thread/realtime/transcript/done");

        assertThat(stopAndTrace(c)).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 user ''",
                "item/delta S1 'hello there'",
                "item/completed S1 user 'hello there'",
                "transcript/done user 'hello there'",
                "item/started S2 user ''",
                "item/delta S2 'next '",
                "transcript/delta user 'next '",
                "item/completed S2 user 'next '",
                "transcript/done user 'ignored, deltas win'",
                "item/started sessionClosed ended",
                "item/completed sessionClosed ended",
                "closed requested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void upstreamErrorMidSegment_sealsItThenClosesFailed(String v) {
        RealtimeClient c = startedWith(v, FakeUpstream.script().batch(su("s"), outDelta(v, "half an "),
                "{\"type\":\"error\",\"error\":{\"message\":\"boom\"}}"));
        c.awaitClosed("error");

        assertThat(TimelineTrace.of(c.rpc).lines()).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 assistant ''",
                "item/delta S1 'half an '",
                "transcript/delta assistant 'half an '",
                "error boom",
                "item/completed S1 assistant 'half an '",
                "item/started sessionClosed failed",
                "item/completed sessionClosed failed",
                "closed error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void stopWithOpenSegments_sealsThemWithoutLegacyDone(String v) {
        RealtimeClient c = startedWith(v, FakeUpstream.script().batch(su("s"), inDelta(v, "open "),
                outDelta(v, "also open")));
        c.await("thread/realtime/transcript/delta", p -> p.get("role").asString().equals("assistant"));

        assertThat(stopAndTrace(c)).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 user ''",
                "item/delta S1 'open '",
                "transcript/delta user 'open '",
                "item/started S2 assistant ''",
                "item/delta S2 'also open'",
                "transcript/delta assistant 'also open'",
                "item/completed S1 user 'open '",
                "item/completed S2 assistant 'also open'",
                "item/started sessionClosed ended",
                "item/completed sessionClosed ended",
                "closed requested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void replacedConversation_isClosedEndedBeforeTheNewSessionStarts(String v) {
        RealtimeClient c = startedWith(v, FakeUpstream.script().batch(su("s1"), inDelta(v, "first ")),
                FakeUpstream.script().batch(su("s2")));
        c.awaitNotification("thread/realtime/transcript/delta");
        c.awaitResponse(c.start("\"version\":\"" + v + "\""));
        c.awaitNotification("thread/realtime/started");

        TimelineTrace trace = TimelineTrace.of(c.rpc);
        assertThat(trace.lines()).containsExactly(
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started",
                "item/started S1 user ''",
                "item/delta S1 'first '",
                "transcript/delta user 'first '",
                "item/completed S1 user 'first '",
                "item/started sessionClosed ended",
                "item/completed sessionClosed ended",
                "closed replaced",
                "item/started sessionStarted",
                "item/completed sessionStarted",
                "started");
        List<JsonNode> items = trace.completedItems();
        String first = items.getFirst().get("realtimeSessionId").asString();
        String second = items.getLast().get("realtimeSessionId").asString();
        // a fresh UUIDv7 per conversation (09 §1), carried by every item and by started
        assertThat(first).isNotEqualTo(second).isNotEqualTo(c.threadId);
        assertThat(java.util.UUID.fromString(second).version()).isEqualTo(7);
        assertThat(items.getLast().get("id").asString()).isEqualTo("realtime-session-start:" + second);
        assertThat(items.get(1).get("realtimeSessionId").asString()).isEqualTo(first);
        assertThat(c.rpc.log().stream().map(dev.parley.testsupport.RpcTestClient.Received::message)
                .filter(m -> "thread/realtime/started".equals(m.path("method").asString(""))).toList().getLast()
                .at("/params/realtimeSessionId").asString()).isEqualTo(second);
    }
}
