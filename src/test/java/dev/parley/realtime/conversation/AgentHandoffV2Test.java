package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_DONE;
import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_EMPTY;
import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_STEER;
import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.CREATE;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.cancelled;
import static dev.parley.realtime.conversation.RealtimeFixtures.created;
import static dev.parley.realtime.conversation.RealtimeFixtures.done;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.output;
import static dev.parley.realtime.conversation.RealtimeFixtures.progress;
import static dev.parley.realtime.conversation.RealtimeFixtures.quote;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.upText;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Call;
import static dev.parley.testsupport.FakeResponses.builder;
import static dev.parley.testsupport.FakeResponses.msg;
import static dev.parley.testsupport.FakeResponses.userTexts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * V2 handoffs with real agent turns ({@code 04} §9, {@code 07} §6–§7), Profile P2 (V2 defaults): progress items,
 * the fixed acknowledgement and the arbitrated {@code response.create}, steering, the echo guards, and turns
 * that end without text, interrupted or failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.realtime.startup-context=")
class AgentHandoffV2Test extends AgentHandoffSupport {

    static final FakeResponses.Script GATED_WORKING =
            builder().created().gate().message("working").completed().build();

    @Test
    void v2Prog_progressItemsThenFinalAcknowledgementThenCreate() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_prog"), v2Call("call_1", "item_1",
                "check the build")), FakeResponses.msgs("working", "done"));
        assertThat(awaitHandoffItem(c, "call_1")).isEqualTo(handoffItem("call_1", "item_1", "check the build",
                "[{\"role\":\"user\",\"text\":\"check the build\"}]"));
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("completed");
        assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst()))
                .isEqualTo(env("check the build", "user: check the build"));
        assertFrames(1, progress("working"), progress("done"), output("call_1", ACK_DONE), CREATE);
        assertFrameCountStays(c, 5, 300);
    }

    @Test
    void v2Steer_secondCallSteersTheRunningTurn() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_steer"), v2Call("call_1", "item_1", "first task"))
                .batch(v2Call("call_2", "item_2", "also run the tests"))
                .batch()
                .batch(created("resp_s"), done("resp_s")), GATED_WORKING, msg("tests pass"));
        c.awaitNotification("turn/started");
        RESPONSES.awaitRequests(1);
        c.audio();
        assertFrames(1, UP_AUDIO, output("call_2", ACK_STEER), CREATE);
        c.awaitEvent("{\"ResponseDone\":{\"response_id\":\"resp_s\"}}");
        RESPONSES.release();
        awaitTurnCompleted(c);
        assertFrames(4, progress("working"), progress("tests pass"), output("call_1", ACK_DONE), CREATE);

        assertFrameCountStays(c, 8, 300);
        assertThat(UPSTREAM.connection(0).frames()).filteredOn(f -> f.contains("call_2")).hasSize(1);
        assertThat(count(c, isMethod("turn/started"))).isEqualTo(1);
        List<FakeResponses.Request> requests = RESPONSES.requests();
        assertThat(requests).hasSize(2);
        assertThat(userTexts(requests.get(1))).contains(env("first task", "user: first task"),
                env("also run the tests", "user: also run the tests"));
    }

    @Test
    void startVsSteer_v2CallWhileATypedTurnRunsSteersIt() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"))
                        .batch(v2Call("call_1", "item_1", "also check the logs")),
                builder().created().gate().message("first done").completed().build(), msg("logs clean"));
        String turnId = startTurn(c, "first prompt");
        RESPONSES.awaitRequests(1);
        c.audio();
        awaitHandoffItem(c, "call_1");
        RESPONSES.release();
        assertThat(awaitTurnCompleted(c).get("id").asString()).isEqualTo(turnId);
        // the call became active (no steering acknowledgement: no other call was), the typed text was never mirrored
        assertFrames(1, UP_AUDIO, progress("first done"), progress("logs clean"), output("call_1", ACK_DONE), CREATE);
        assertFrameCountStays(c, 6, 300);
        assertThat(count(c, isMethod("turn/started"))).isEqualTo(1);
        List<FakeResponses.Request> requests = RESPONSES.requests();
        assertThat(requests).hasSize(2);
        assertThat(userTexts(requests.get(0))).containsExactly("first prompt");
        assertThat(userTexts(requests.get(1))).containsExactly("first prompt",
                env("also check the logs", "user: also check the logs"));
    }

    @Test
    void transcriptDelta_v2EachCallCarriesOnlyTheTranscriptSinceThePreviousOne() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                        .batch(su("s"), inputDone("first question"), v2Call("call_1", "item_1", "first question"))
                        .batch().batch().batch(created("r1"), done("r1"))
                        .batch(inputDone("second question"), v2Call("call_2", "item_2", "second question")),
                msg("first ok"), msg("second ok"));
        awaitTurnCompleted(c);
        assertFrames(1, progress("first ok"), output("call_1", ACK_DONE), CREATE);
        c.audio();
        awaitTurnCompleted(c);
        assertFrames(4, UP_AUDIO, progress("second ok"), output("call_2", ACK_DONE), CREATE);
        List<FakeResponses.Request> requests = RESPONSES.awaitRequests(2);
        assertThat(lastUserText(requests.get(0))).isEqualTo(env("first question", "user: first question"));
        assertThat(lastUserText(requests.get(1))).isEqualTo(env("second question", "user: second question"));
    }

    static String inputDone(String transcript) {
        return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"transcript\":\"" + transcript
                + "\"}";
    }

    @Test
    void c13_baseUrlOverrideAndNoAgentRequest() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s")));
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"s\",\"instructions\":\"backend prompt\"}}");
        assertThat(UPSTREAM.connectionCount()).isEqualTo(1);
        assertThat(UPSTREAM.connection(0).frame(0).get("type").asString()).isEqualTo("session.update");
        assertThat(RESPONSES.requests()).isEmpty();
    }

    @Test
    void c28_silentToolCallStartsNoTurn() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_noop"), "{\"type\":\"conversation.item.done\","
                + "\"item\":{\"id\":\"item_silent\",\"type\":\"function_call\",\"name\":\"remain_silent\","
                + "\"call_id\":\"call_silent\",\"arguments\":\"{}\"}}"));
        c.awaitEvent("{\"NoopRequested\":{\"call_id\":\"call_silent\",\"item_id\":\"item_silent\"}}");
        assertFrames(1, output("call_silent", ""));
        assertFrameCountStays(c, 2, 200);
        assertThat(count(c, isMethod("turn/started"))).isZero();
        assertThat(RESPONSES.requests()).isEmpty();
    }

    @Test
    void v2QueueA_createWaitsForTheRunningResponseDone() throws Exception {
        queueCase(done("resp_1"));
    }

    @Test
    void v2QueueB_createWaitsForTheRunningResponseCancelled() throws Exception {
        queueCase(cancelled("resp_1"));
    }

    /** V2-QUEUE: the acknowledgement's {@code response.create} waits until the running response ends. */
    private void queueCase(String finish) throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_q"), created("resp_1"), v2Call("call_1", "item_1", "check"))
                .batch().batch().batch(finish), msg("done"));
        assertFrames(1, progress("done"), output("call_1", ACK_DONE));
        assertFrameCountStays(c, 3, 300);
        c.audio();
        assertFrames(3, UP_AUDIO, CREATE);
        assertFrameCountStays(c, 5, 300);
    }

    @Test
    void d01_activeResponseConflictIsADeferral() throws Exception {
        String conflict = "Conversation already has an active response in progress: resp_x. Wait until the response is"
                + " finished before creating a new one.";
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_conflict"), v2Call("call_1", "item_1", "check"))
                .batch().batch()
                .batch("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                        + "\"conversation_already_has_active_response\",\"message\":\"" + conflict + "\"}}")
                .batch(done("resp_x")), msg("done"));
        assertFrames(1, progress("done"), output("call_1", ACK_DONE), CREATE);
        c.awaitEvent("{\"Error\":" + quote(conflict) + "}");
        c.quiet(300);
        c.audio();
        assertFrames(4, UP_AUDIO, CREATE);
        long stop = c.stop();
        c.awaitResponse(stop);
        c.awaitClosed("requested");
        assertThat(count(c, isMethod("thread/realtime/error"))).isZero();
        assertThat(count(c, isMethod("thread/realtime/closed"))).isEqualTo(1);
        JsonNode state = getJson("/api/v1/threads/" + c.threadId + "/realtime");
        assertThat(state.at("/counters/responseCreatesSent").asLong()).isEqualTo(2);
        assertThat(state.at("/counters/responseCreatesDeferred").asLong()).isEqualTo(1);
    }

    @Test
    void d03_turnWithoutTextStillAnswersTheToolCall() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "do it quietly")),
                FakeResponses.empty());
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("completed");
        assertFrames(1, output("call_1", ACK_EMPTY), CREATE);
        assertFrameCountStays(c, 3, 300);
        assertThat(UPSTREAM.connection(0).frames()).noneMatch(f -> f.contains("[BACKEND]"));
    }

    @Test
    void d04_unroutableHandoffIsAnsweredAtOnceWithoutATurn() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), "{\"type\":\"conversation.item.done\","
                + "\"item\":{\"id\":\"item_e\",\"type\":\"function_call\",\"name\":\"background_agent\","
                + "\"call_id\":\"call_e\",\"arguments\":\"\"}}"));
        c.awaitEvent("{\"HandoffRequested\":{\"handoff_id\":\"call_e\",\"item_id\":\"item_e\",\"input_transcript\":\"\","
                + "\"active_transcript\":[]}}");
        assertFrames(1, output("call_e", ACK_EMPTY), CREATE);
        c.quiet(300);
        assertThat(count(c, isMethod("turn/started"))).isZero();
        assertThat(RESPONSES.requests()).isEmpty();
    }

    @Test
    void d16_responseIdCorrelation() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("sess_corr"), created("resp_1"), v2Call("call_1", "item_1", "check"))
                .batch().batch()
                .batch(cancelled("resp_1"), done("resp_1"))
                .batch().batch()
                .batch(created("resp_2"), done("resp_2")), msg("done"));
        assertFrames(1, progress("done"), output("call_1", ACK_DONE));
        c.audio();
        assertFrames(3, UP_AUDIO, CREATE);
        c.text("and then?", "\"createResponse\":true");
        assertFrames(5, upText("[USER] and then?"));
        assertFrameCountStays(c, 6, 300);
        c.audio();
        assertFrames(6, UP_AUDIO, CREATE);
    }

    @Test
    void d17_typedTurnsAreNotMirroredIntoRealtime() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s")), msg("typed answer"));
        startTurn(c, "typed follow-up for realtime");
        awaitTurnCompleted(c);
        assertThat(userTexts(RESPONSES.awaitRequests(1).getFirst())).contains("typed follow-up for realtime");
        assertFrameCountStays(c, 1, 300);
    }

    @Test
    void audio_outputAudioKeepsFlowingWhileADelegatedTurnRuns() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "check"))
                .batch(v2Audio("item_a", 480), v2Audio("item_a", 480)), GATED_WORKING);
        c.awaitNotification("turn/started");
        RESPONSES.awaitRequests(1);
        c.audio();
        assertFrames(1, UP_AUDIO);
        c.awaitNotification("thread/realtime/outputAudio/delta");
        c.awaitNotification("thread/realtime/outputAudio/delta");
        // the turn is still held at its gate: audio went both ways meanwhile
        assertThat(count(c, isMethod("turn/completed"))).isZero();
        assertThat(UPSTREAM.connection(0).frames()).hasSize(2);
        RESPONSES.release();
        awaitTurnCompleted(c);
        assertFrames(2, progress("working"), output("call_1", ACK_DONE), CREATE);
    }

    @Test
    void interrupt_v2DelegatedTurnAnswersTheToolCall() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "check"))
                .batch().batch().batch(v2Audio("item_a", 480)), GATED_WORKING);
        String turnId = c.awaitNotification("turn/started").at("/params/turn/id").asString();
        RESPONSES.awaitRequests(1);
        assertThat(c.call("turn/interrupt", "\"turnId\":\"" + turnId + "\"").get("result")).isEqualTo(json("{}"));
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("interrupted");
        assertFrames(1, output("call_1", ACK_EMPTY), CREATE);
        // the conversation keeps running
        c.audio();
        assertFrames(3, UP_AUDIO);
        c.awaitNotification("thread/realtime/outputAudio/delta");
        assertFrameCountStays(c, 4, 300);
        assertThat(count(c, isMethod("thread/realtime/closed"))).isZero();
    }

    @Test
    void failure_v2BackendFailureFailsTheTurnAndTheConversationKeepsRunning() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "check"))
                .batch().batch().batch(v2Audio("item_a", 480)), FakeResponses.status(500));
        assertThat(c.awaitNotification("error").at("/params/error/message").asString())
                .isEqualTo("agent request failed with HTTP 500");
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("failed");
        assertFrames(1, output("call_1", ACK_EMPTY), CREATE);
        c.audio();
        assertFrames(3, UP_AUDIO);
        c.awaitNotification("thread/realtime/outputAudio/delta");
        assertFrameCountStays(c, 4, 300);
        assertThat(count(c, m -> m.path("method").asString("").matches("thread/realtime/(closed|error)"))).isZero();
    }

    @Test
    void echo_userRoleEchoOfProgressNeverRedelegates() throws Exception {
        String echo = "{\"type\":\"conversation.item.added\",\"item\":{\"id\":\"item_echo\",\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"[BACKEND] working\"}]}}";
        String echoDone = "{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_echo\",\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"[BACKEND] working\"}]}}";
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "check"))
                .batch(echo, echoDone), builder().created().message("working").gate().completed().build());
        assertFrames(1, progress("working"));
        c.awaitEvent("{\"ConversationItemDone\":{\"item_id\":\"item_echo\"}}");
        RESPONSES.release();
        awaitTurnCompleted(c);
        assertFrames(2, output("call_1", ACK_DONE), CREATE);
        assertFrameCountStays(c, 4, 300);
        assertThat(count(c, isMethod("turn/started"))).isEqualTo(1);
        assertThat(RESPONSES.requests()).hasSize(1);
    }

    @Test
    void echo_backendPrefixIsNeverDoubled() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "check")),
                msg("[BACKEND] already prefixed"));
        awaitTurnCompleted(c);
        assertFrames(1, progress("already prefixed"), output("call_1", ACK_DONE), CREATE);
    }

    @Test
    void v2Stale_outputOfATurnRoutedByAReplacedConversationIsDropped() throws Exception {
        RESPONSES.script(GATED_WORKING);
        UPSTREAM.reset(FakeUpstream.script().batch(su("old"), v2Call("call_1", "item_1", "check")),
                FakeUpstream.script().batch(su("new")));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("turn/started");
        RESPONSES.awaitRequests(1);
        c.start("");
        c.awaitClosed("replaced");
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"new\",\"instructions\":\"backend prompt\"}}");
        RESPONSES.release();
        awaitTurnCompleted(c);
        c.quiet(300);
        // neither the replaced conversation (closed) nor the new one (no handoff of its own) writes the output
        assertThat(UPSTREAM.connection(0).frames()).hasSize(1);
        assertThat(UPSTREAM.connection(1).awaitFrames(1, AWAIT)).hasSize(1);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body());
    }
}
