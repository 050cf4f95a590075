package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.OUT_AUDIO_NOTIF_PARAMS;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.V1_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.params;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1Handoff;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1In;
import static dev.parley.testsupport.FakeResponses.builder;
import static dev.parley.testsupport.FakeResponses.msg;
import static dev.parley.testsupport.FakeResponses.userTexts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The agent cases of the ported Codex suite ({@code 07} §5, C-29 … C-38) and the other V1 handoff behaviours,
 * Profile P1 (V1, default 1 s delegation grace), with the real turn layer against the fake Responses API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.version=v1", "parley.realtime.model=realtime-test-model", "parley.realtime.startup-context="})
class AgentHandoffV1Test extends AgentHandoffSupport {

    static String v1Out(String delta) {
        return "{\"type\":\"conversation.output_transcript.delta\",\"delta\":\"" + delta + "\"}";
    }

    static String userEcho(String text) {
        return "{\"type\":\"conversation.item.added\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}}";
    }

    @Test
    void c29_agentMessageMirroredToV1Handoff() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_1"), v1In("delegate hello"),
                v1Handoff("handoff_1", "item_1", "delegate hello")), msg("assistant says hi"));
        assertThat(awaitHandoffItem(c, "handoff_1")).isEqualTo(handoffItem("handoff_1", "item_1", "delegate hello",
                "[{\"role\":\"user\",\"text\":\"delegate hello\"}]"));
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("completed");

        assertThat(userTexts(RESPONSES.awaitRequests(1).getFirst()))
                .endsWith(env("delegate hello", "user: delegate hello"));
        // V1 append format: the "Agent Final Message" prefix, then a blank line, then the agent's text
        assertFrames(1, "{\"type\":\"conversation.handoff.append\",\"handoff_id\":\"handoff_1\","
                + "\"output_text\":\"\\\"Agent Final Message\\\":\\n\\nassistant says hi\"}");
        assertThat(UPSTREAM.connection(0).frame(0).get("type").asString()).isEqualTo("session.update");
        assertFrameCountStays(c, 2, 300);
    }

    @Test
    void c30_handoffPersistsAcrossItemDoneUntilTurnComplete() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_item_done"), v1In("delegate now"),
                        v1Handoff("handoff_item_done", "item_item_done", "delegate now"))
                .batch("{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_item_done\"}}"),
                builder().created().message("assistant message 1").gate().message("assistant message 2").completed()
                        .build());
        assertFrames(1, v1Append("handoff_item_done", "assistant message 1"));
        c.awaitEvent("{\"ConversationItemDone\":{\"item_id\":\"item_item_done\"}}");
        RESPONSES.release();
        awaitTurnCompleted(c);
        assertFrames(2, v1Append("handoff_item_done", "assistant message 2"));
    }

    @Test
    void c31_handoffStartsTurn() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_inbound"), v1In("text from realtime"),
                v1Handoff("handoff_inbound", "item_inbound", "text from realtime")), msg("ok"));
        JsonNode turn = c.awaitNotification("turn/started").get("params").get("turn");
        assertThat(awaitTurnCompleted(c).get("id")).isEqualTo(turn.get("id"));
        assertThat(RESPONSES.requests()).singleElement().satisfies(request -> assertThat(lastUserText(request))
                .isEqualTo(env("text from realtime", "user: text from realtime")));
        // the delegated user item carries the envelope verbatim
        JsonNode read = c.call("thread/read", "\"includeTurns\":true").get("result").get("thread");
        assertThat(read.at("/turns/0/items/0/content/0/text").asString())
                .isEqualTo(env("text from realtime", "user: text from realtime"));
    }

    @Test
    void c32_handoffUsesActiveTranscript() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_inbound_multi"), v1Out("assistant context"),
                v1In("delegated query"), v1Out("assist confirm"),
                v1Handoff("handoff_inbound_multi", "item_inbound_multi", "ignored")), msg("ok"));
        awaitTurnCompleted(c);
        assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst())).isEqualTo(env("ignored",
                "assistant: assistant context\nuser: delegated query\nassistant: assist confirm\nuser: ignored"));
    }

    @Test
    void c33_transcriptDeltaAfterEachHandoff() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_inbound_clear"), v1In("first question"),
                        v1Handoff("handoff_inbound_clear_1", "item_inbound_clear_1", "first question"))
                .batch()
                .batch(v1In("second question"),
                        v1Handoff("handoff_inbound_clear_2", "item_inbound_clear_2", "second question")),
                msg("first ok"), msg("second ok"));
        awaitTurnCompleted(c);
        assertFrames(1, v1Append("handoff_inbound_clear_1", "first ok"));
        c.audio();
        awaitTurnCompleted(c);
        assertFrames(2, UP_AUDIO, v1Append("handoff_inbound_clear_2", "second ok"));

        List<FakeResponses.Request> requests = RESPONSES.awaitRequests(2);
        assertThat(lastUserText(requests.get(0))).isEqualTo(env("first question", "user: first question"));
        assertThat(lastUserText(requests.get(1))).isEqualTo(env("second question", "user: second question"));
        assertThat(userTexts(requests.get(1))).noneMatch(t -> t.contains("user: first question\nuser: second question"));
    }

    @Test
    void c34_upstreamItemNeverStartsATurnAndAudioFlows() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), userEcho("echoed local text"), V1_AUDIO));
        assertThat(c.awaitNotification("thread/realtime/itemAdded").at("/params/item/content/0/text").asString())
                .isEqualTo("echoed local text");
        c.awaitNotification("thread/realtime/outputAudio/delta");
        assertThat(millisBetween(first(c, isMethod("thread/realtime/started")),
                first(c, isMethod("thread/realtime/outputAudio/delta")))).isLessThan(500);
        c.quiet(200);
        assertThat(count(c, isMethod("turn/started"))).isZero();
        assertThat(RESPONSES.requests()).isEmpty();
    }

    @Test
    void c35_userRoleEchoDoesNotRedelegate() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_echo_guard"), v1In("delegate now"),
                        v1Handoff("handoff_echo_guard", "item_echo_guard", "delegate now"))
                .batch(userEcho("assistant says hi"), V1_AUDIO),
                builder().created().message("assistant says hi").gate().completed().build());
        assertFrames(1, v1Append("handoff_echo_guard", "assistant says hi"));
        assertThat(c.awaitNotification("thread/realtime/outputAudio/delta").get("params"))
                .isEqualTo(params(OUT_AUDIO_NOTIF_PARAMS, c.threadId));
        RESPONSES.release();
        awaitTurnCompleted(c);
        c.quiet(300);
        assertThat(count(c, isMethod("turn/started"))).isEqualTo(1);
        assertThat(RESPONSES.requests()).hasSize(1);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(2);
    }

    @Test
    void c36_handoffDoesNotBlockEventForwarding() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_non_blocking"), v1In("delegate now"),
                        v1Handoff("handoff_non_blocking", "item_non_blocking", "delegate now"), V1_AUDIO),
                builder().gate().created().message("ok").completed().build());
        c.awaitNotification("thread/realtime/outputAudio/delta");
        RpcTestClient.Received session = first(c, isEvent(
                "{\"SessionUpdated\":{\"session_id\":\"sess_non_blocking\",\"instructions\":\"backend prompt\"}}"));
        RpcTestClient.Received audio = first(c, isMethod("thread/realtime/outputAudio/delta"));
        assertThat(millisBetween(session, audio)).isLessThan(500);
        // still in its grace or its turn still gated: neither the handoff item nor any answer came first
        assertThat(indexOf(c, isHandoffItem("handoff_non_blocking"))).isEqualTo(-1);
        RESPONSES.release();
        awaitTurnCompleted(c);
        assertFrames(1, v1Append("handoff_non_blocking", "ok"));
    }

    @Test
    void c37_handoffSteersTheRunningTurn() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_steer"))
                        .batch(v1In("steer via realtime"), v1Handoff("handoff_steer", "item_steer", "steer via realtime")),
                builder().created().gate().message("first done").completed().build(), msg("steered done"));
        String turnId = startTurn(c, "first prompt");
        c.awaitNotification("turn/started");
        RESPONSES.awaitRequests(1);
        c.audio();
        awaitHandoffItem(c, "handoff_steer");
        RESPONSES.release();
        assertThat(awaitTurnCompleted(c).get("id").asString()).isEqualTo(turnId);
        assertFrames(1, UP_AUDIO, v1Append("handoff_steer", "first done"), v1Append("handoff_steer", "steered done"));

        c.quiet(300);
        assertThat(count(c, isMethod("turn/started"))).isEqualTo(1);
        assertThat(count(c, isMethod("turn/completed"))).isEqualTo(1);
        List<FakeResponses.Request> requests = RESPONSES.requests();
        assertThat(requests).hasSize(2);
        assertThat(userTexts(requests.get(0))).contains("first prompt")
                .noneMatch(t -> t.contains("<realtime_delegation>"));
        assertThat(userTexts(requests.get(1))).contains("first prompt",
                env("steer via realtime", "user: steer via realtime"));
        // start vs steer: the typed text is never mirrored, the voice handoff only steered
        assertThat(UPSTREAM.connection(0).frames()).hasSize(4);
    }

    @Test
    void c38_handoffStartsTurnAndAudioKeepsFlowing() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_handoff_request"),
                        v1In("delegate from handoff request"),
                        v1Handoff("handoff_audio", "item_audio", "delegate from handoff request"), V1_AUDIO),
                builder().created().gate().message("ok").completed().build());
        c.awaitNotification("thread/realtime/outputAudio/delta");
        RpcTestClient.Received session = first(c, isEvent(
                "{\"SessionUpdated\":{\"session_id\":\"sess_handoff_request\",\"instructions\":\"backend prompt\"}}"));
        assertThat(millisBetween(session, first(c, isMethod("thread/realtime/outputAudio/delta")))).isLessThan(500);
        assertThat(indexOf(c, isMethod("turn/completed"))).isEqualTo(-1);
        RESPONSES.release();
        awaitTurnCompleted(c);
        assertThat(RESPONSES.requests()).singleElement().satisfies(request -> assertThat(lastUserText(request))
                .isEqualTo(env("delegate from handoff request", "user: delegate from handoff request")));
    }

    @Test
    void interrupt_v1DelegatedTurnEndsWithoutAppendAndTheConversationKeepsRunning() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                        .batch(su("s"), v1In("delegate now"), v1Handoff("handoff_int", "item_int", "delegate now"))
                        .batch(V1_AUDIO),
                builder().created().gate().message("never said").completed().build());
        String turnId = c.awaitNotification("turn/started").at("/params/turn/id").asString();
        RESPONSES.awaitRequests(1);
        assertThat(c.call("turn/interrupt", "\"turnId\":\"" + turnId + "\"").get("result")).isEqualTo(json("{}"));
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("interrupted");
        // the conversation is untouched: the next audio goes up and output audio still comes down
        c.audio();
        assertFrames(1, UP_AUDIO);
        c.awaitNotification("thread/realtime/outputAudio/delta");
        assertFrameCountStays(c, 2, 300);
        assertThat(count(c, isMethod("thread/realtime/closed"))).isZero();
    }

    @Test
    void failure_v1BackendFailureFailsTheTurnAndTheConversationKeepsRunning() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                        .batch(su("s"), v1In("delegate now"), v1Handoff("handoff_fail", "item_fail", "delegate now"))
                        .batch(V1_AUDIO),
                FakeResponses.status(500));
        JsonNode error = c.awaitNotification("error");
        assertThat(error.at("/params/error/message").asString()).isEqualTo("agent request failed with HTTP 500");
        JsonNode turn = awaitTurnCompleted(c);
        assertThat(turn.get("status").asString()).isEqualTo("failed");
        assertThat(turn.get("error").get("message")).isEqualTo(error.at("/params/error/message"));
        c.audio();
        assertFrames(1, UP_AUDIO);
        c.awaitNotification("thread/realtime/outputAudio/delta");
        assertFrameCountStays(c, 2, 300);
        assertThat(count(c, m -> m.path("method").asString("").matches("thread/realtime/(closed|error)"))).isZero();
    }
}
