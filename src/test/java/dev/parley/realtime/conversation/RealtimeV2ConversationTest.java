package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_DONE;
import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_EMPTY;
import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_STEER;
import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.CREATE;
import static dev.parley.realtime.conversation.RealtimeFixtures.SPEECH_STARTED;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.assertFrame;
import static dev.parley.realtime.conversation.RealtimeFixtures.cancelled;
import static dev.parley.realtime.conversation.RealtimeFixtures.created;
import static dev.parley.realtime.conversation.RealtimeFixtures.done;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.output;
import static dev.parley.realtime.conversation.RealtimeFixtures.params;
import static dev.parley.realtime.conversation.RealtimeFixtures.progress;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.trunc;
import static dev.parley.realtime.conversation.RealtimeFixtures.upText;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Call;
import static dev.parley.realtime.conversation.RealtimeV1ConversationTest.assertNotRunning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.TurnStatus;
import dev.parley.testsupport.FakeUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Conversation cases of {@code 07-conformance.md} with Profile P2 (V2 defaults), over real sockets. The agent
 * side is played by a scripted router plus reports to the manager, so these cases hold whatever the agent does;
 * handoffs through real agent turns are {@link AgentHandoffV2Test}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeV2ConversationTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();

    @TestConfiguration
    static class Agent {
        @Bean
        @Primary
        ScriptedHandoffRouter scriptedHandoffRouter() {
            return new ScriptedHandoffRouter();
        }
    }

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        RealtimeFixtures.fakeUpstreamProfile(registry, UPSTREAM);
        registry.add("parley.realtime.startup-context", () -> "");
    }

    @LocalServerPort
    int port;

    @Autowired
    ScriptedHandoffRouter router;

    @Autowired
    RealtimeConversationManager manager;

    private final ConcurrentLinkedQueue<RealtimeClient> clients = new ConcurrentLinkedQueue<>();

    private RealtimeClient client() {
        RealtimeClient client = new RealtimeClient(port, true);
        clients.add(client);
        return client;
    }

    @BeforeEach
    void rejectByDefault() {
        router.answer(new HandoffRouter.RouteResult.Rejected("scripted"));
        router.routed.clear();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RealtimeClient::close);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }


    private RealtimeClient startedWith(dev.parley.testsupport.FakeUpstreamScript script) {
        UPSTREAM.reset(script);
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        return c;
    }

    private static List<String> frames(int count) throws Exception {
        return UPSTREAM.connection(0).awaitFrames(count, AWAIT);
    }

    private void agentMessage(String handoffId, String text) {
        manager.report(new AgentReport.AgentMessage("turn-1", Set.of(router.tag(handoffId)), text));
    }

    private void turnEnded(String handoffId) {
        manager.report(new AgentReport.TurnEnded("turn-1", TurnStatus.COMPLETED, Set.of(router.tag(handoffId))));
    }

    @Test
    void c02_defaultsToV2AndGptRealtime15() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("sess_v2")));
        RealtimeClient c = client();
        c.start("");
        JsonNode started = c.awaitNotification("thread/realtime/started").get("params");
        // the default realtimeSessionId is a fresh UUIDv7 per conversation (09 §1), also the x-session-id header
        String sessionId = started.get("realtimeSessionId").asString();
        assertThat(java.util.UUID.fromString(sessionId).version()).isEqualTo(7);
        assertThat(sessionId).isNotEqualTo(c.threadId);
        assertThat(started).isEqualTo(params("{\"threadId\":\"T\",\"realtimeSessionId\":\"" + sessionId
                + "\",\"version\":\"v2\"}", c.threadId));
        FakeUpstream.Recording conn = UPSTREAM.connection(0);
        assertThat(conn.headers()).containsEntry("x-session-id", sessionId);
        assertThat(conn.requestUri()).isEqualTo("/v1/realtime?model=gpt-realtime-1.5");
        assertThat(conn.headers()).doesNotContainKey("openai-alpha");
        conn.awaitFrames(1, AWAIT);
        assertThat(conn.frame(0).at("/session/instructions").asString()).isEqualTo("backend prompt");
        assertThat(conn.frame(0).at("/session/audio/output/voice").asString()).isEqualTo("marin");
    }

    @Test
    void c18_voiceOfTheWrongVersion() throws Exception {
        UPSTREAM.reset();
        RealtimeClient c = client();
        assertThat(c.awaitResponse(c.start("\"voice\":\"cove\"")).get("result")).isEqualTo(json("{}"));
        assertThat(c.rpc.await(RealtimeClient::isLegacyOrEvent).get("params")).isEqualTo(params("{\"threadId\":\"T\","
                + "\"message\":\"realtime voice `cove` is not supported for v2; supported voices: alloy, ash, ballad,"
                + " coral, echo, sage, shimmer, verse, marin, cedar\"}", c.threadId));
        assertThat(c.quiet(200)).noneMatch(RealtimeClient::isRealtime);
        assertThat(UPSTREAM.connectionCount()).isZero();
    }

    @Test
    void c28_silentToolCall() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("sess_noop"), "{\"type\":\"conversation.item.done\","
                + "\"item\":{\"id\":\"item_silent\",\"type\":\"function_call\",\"name\":\"remain_silent\","
                + "\"call_id\":\"call_silent\",\"arguments\":\"{}\"}}"));
        c.awaitEvent("{\"NoopRequested\":{\"call_id\":\"call_silent\",\"item_id\":\"item_silent\"}}");
        assertFrame(frames(2).get(1), output("call_silent", ""));
        c.quiet(200);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(2);
        assertThat(router.routed).isEmpty();
    }

    @Test
    void v2Prog_progressItemsThenFinalAcknowledgement() throws Exception {
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("sess_prog"),
                v2Call("call_1", "item_1", "check the build")));
        JsonNode item = c.await("thread/realtime/itemAdded", p -> "handoff_request".equals(p.at("/item/type").asString()));
        assertThat(item.at("/params/item")).isEqualTo(json("{\"type\":\"handoff_request\",\"handoff_id\":\"call_1\","
                + "\"item_id\":\"item_1\",\"input_transcript\":\"check the build\",\"active_transcript\":"
                + "[{\"role\":\"user\",\"text\":\"check the build\"}]}"));
        assertThat(router.routed.getFirst().envelopeText()).isEqualTo("<realtime_delegation>\n  <input>check the build"
                + "</input>\n  <transcript_delta>user: check the build</transcript_delta>\n</realtime_delegation>");
        agentMessage("call_1", "working");
        agentMessage("call_1", "done");
        turnEnded("call_1");
        List<String> frames = frames(5);
        assertFrame(frames.get(1), progress("working"));
        assertFrame(frames.get(2), progress("done"));
        assertFrame(frames.get(3), output("call_1", ACK_DONE));
        assertFrame(frames.get(4), CREATE);
        c.quiet(300);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(5);
    }

    @Test
    void v2Steer_secondCallWhileOneIsActive() throws Exception {
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("sess_steer"), v2Call("call_1", "item_1",
                "first task")).batch(v2Call("call_2", "item_2", "also run the tests")).batch()
                .batch(created("resp_s"), done("resp_s")));
        c.await("thread/realtime/itemAdded", p -> "call_1".equals(p.at("/item/handoff_id").asString()));
        router.answer(new HandoffRouter.RouteResult.Steered("turn-1", "item-1"));
        c.audio();
        List<String> frames = frames(4);
        assertFrame(frames.get(1), UP_AUDIO);
        assertFrame(frames.get(2), output("call_2", ACK_STEER));
        assertFrame(frames.get(3), CREATE);
        c.awaitEvent("{\"ResponseDone\":{\"response_id\":\"resp_s\"}}");
        assertThat(router.routed).extracting(r -> r.tag().handoffId()).containsExactly("call_1", "call_2");
        agentMessage("call_1", "working");
        turnEnded("call_2");
        manager.report(new AgentReport.AgentMessage("turn-1", Set.of(router.tag("call_1"), router.tag("call_2")),
                "tests pass"));
        manager.report(new AgentReport.TurnEnded("turn-1", TurnStatus.COMPLETED,
                Set.of(router.tag("call_1"), router.tag("call_2"))));
        frames = frames(8);
        assertFrame(frames.get(4), progress("working"));
        assertFrame(frames.get(5), progress("tests pass"));
        assertFrame(frames.get(6), output("call_1", ACK_DONE));
        assertFrame(frames.get(7), CREATE);
        assertThat(frames).filteredOn(f -> f.contains("call_2")).hasSize(1);
    }

    @Test
    void v2QueueA_createWaitsForTheRunningResponseDone() throws Exception {
        queueCase(done("resp_1"));
    }

    @Test
    void v2QueueB_createWaitsForTheRunningResponseCancelled() throws Exception {
        queueCase(cancelled("resp_1"));
    }

    private void queueCase(String finish) throws Exception {
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("sess_q"), created("resp_1"),
                v2Call("call_1", "item_1", "check")).batch().batch().batch(finish));
        c.await("thread/realtime/itemAdded", p -> "handoff_request".equals(p.at("/item/type").asString()));
        agentMessage("call_1", "done");
        turnEnded("call_1");
        List<String> frames = frames(3);
        assertFrame(frames.get(1), progress("done"));
        assertFrame(frames.get(2), output("call_1", ACK_DONE));
        c.quiet(300);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(3);
        c.audio();
        frames = frames(5);
        assertFrame(frames.get(3), UP_AUDIO);
        assertFrame(frames.get(4), CREATE);
        c.quiet(300);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(5);
    }

    @Test
    void v2Trunc_bargeInTruncation() throws Exception {
        String zeros9600 = "A".repeat(12_800);
        truncCase(List.of(v2Audio("item_a", 4800), v2Audio("item_a", 4800)), trunc("item_a", 400));
        truncCase(List.of(
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"item_a\",\"delta\":\"" + zeros9600 + "\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"item_a\",\"delta\":\"" + zeros9600 + "\"}"),
                trunc("item_a", 400));
        truncCase(List.of("{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"samples_per_channel\":4800}"),
                null);
        truncCase(List.of(v2Audio("item_a", 4800), done("resp_a")), null);
        truncCase(List.of(v2Audio("item_a", 4800), v2Audio("item_b", 2400)), trunc("item_b", 100));
    }

    private void truncCase(List<String> before, String expected) throws Exception {
        var script = FakeUpstream.script();
        List<Object> batch = new java.util.ArrayList<>(List.of(su("s"), created("resp_a")));
        batch.addAll(before);
        batch.add(SPEECH_STARTED);
        RealtimeClient c = startedWith(script.batch(batch.toArray()));
        JsonNode item = c.await("thread/realtime/itemAdded",
                p -> "input_audio_buffer.speech_started".equals(p.at("/item/type").asString()));
        assertThat(item.at("/params/item")).isEqualTo(json("{\"type\":\"input_audio_buffer.speech_started\","
                + "\"item_id\":null}"));
        if (expected != null) {
            // the truncate is written before the event is published, so it is already recorded
            assertFrame(frames(2).get(1), expected);
        } else {
            c.quiet(300);
            assertThat(UPSTREAM.connection(0).frames()).hasSize(1);
        }
        c.stop();
        c.awaitClosed("requested");
    }

    @Test
    void errStop_upstreamErrorEndsTheConversation() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s"), "{\"type\":\"error\",\"message\":\"x\"}"));
        JsonNode error = c.rpc.await(m -> "thread/realtime/error".equals(m.path("method").asString("")));
        assertThat(error.get("params")).isEqualTo(params("{\"threadId\":\"T\",\"message\":\"x\"}", c.threadId));
        c.awaitEvent("{\"Error\":\"x\"}");
        c.awaitClosed("error");
        UPSTREAM.connection(0).awaitClose(AWAIT);
        assertThat(UPSTREAM.connection(0).closeCodes()).containsExactly(1000);
        assertNotRunning(c.text("y", ""));
    }

    @Test
    void d01_activeResponseConflictIsADeferral() throws Exception {
        String conflict = "Conversation already has an active response in progress: resp_x. Wait until the response is"
                + " finished before creating a new one.";
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("sess_conflict"), v2Call("call_1", "item_1",
                "check")).batch().batch().batch("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"conversation_already_has_active_response\",\"message\":\"" + conflict + "\"}}")
                .batch(done("resp_x")));
        c.await("thread/realtime/itemAdded", p -> "handoff_request".equals(p.at("/item/type").asString()));
        agentMessage("call_1", "done");
        turnEnded("call_1");
        List<String> frames = frames(4);
        assertFrame(frames.get(1), progress("done"));
        assertFrame(frames.get(2), output("call_1", ACK_DONE));
        assertFrame(frames.get(3), CREATE);
        c.awaitEvent("{\"Error\":" + RealtimeFixtures.quote(conflict) + "}");
        c.audio();
        frames = frames(6);
        assertFrame(frames.get(4), UP_AUDIO);
        assertFrame(frames.get(5), CREATE);
        long stop = c.stop();
        c.awaitResponse(stop);
        c.awaitClosed("requested");
        assertThat(c.rpc.rawMessages()).noneMatch(m -> m.contains("\"thread/realtime/error\""))
                .filteredOn(m -> m.contains("\"thread/realtime/closed\"")).hasSize(1);
        JsonNode state = rest("GET", "/api/v1/threads/" + c.threadId + "/realtime", null).body;
        assertThat(state.at("/counters/responseCreatesSent").asLong()).isEqualTo(2);
        assertThat(state.at("/counters/responseCreatesDeferred").asLong()).isEqualTo(1);
    }

    @Test
    void d03_turnWithoutAssistantTextStillAnswersTheCall() throws Exception {
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "do it quietly")));
        c.await("thread/realtime/itemAdded", p -> "handoff_request".equals(p.at("/item/type").asString()));
        turnEnded("call_1");
        List<String> frames = frames(3);
        assertFrame(frames.get(1), output("call_1", ACK_EMPTY));
        assertFrame(frames.get(2), CREATE);
    }

    @Test
    void d04_unroutableHandoffIsAnsweredAtOnce() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s"), "{\"type\":\"conversation.item.done\","
                + "\"item\":{\"id\":\"item_e\",\"type\":\"function_call\",\"name\":\"background_agent\","
                + "\"call_id\":\"call_e\",\"arguments\":\"\"}}"));
        c.awaitEvent("{\"HandoffRequested\":{\"handoff_id\":\"call_e\",\"item_id\":\"item_e\",\"input_transcript\":\"\","
                + "\"active_transcript\":[]}}");
        List<String> frames = frames(3);
        assertFrame(frames.get(1), output("call_e", ACK_EMPTY));
        assertFrame(frames.get(2), CREATE);
        assertThat(router.routed).isEmpty();
    }

    @Test
    void rejectedHandoffIsAnsweredWithoutMessage() throws Exception {
        startedWith(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "nobody home")));
        List<String> frames = frames(3);
        assertFrame(frames.get(1), output("call_1", ACK_EMPTY));
        assertFrame(frames.get(2), CREATE);
        assertThat(router.routed).singleElement().extracting(r -> r.tag().handoffId()).isEqualTo("call_1");
    }

    @Test
    void d05_truncationConditionIgnoresTheInputItemId() throws Exception {
        startedWith(FakeUpstream.script().batch(su("s"), created("resp_a"), v2Audio("item_a", 4800),
                v2Audio("item_a", 4800), "{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"item_input_9\","
                        + "\"audio_start_ms\":1000}"));
        assertFrame(frames(2).get(1), trunc("item_a", 400));
    }

    @Test
    void d13_appendTextRolesAndCreateResponse() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s")));
        for (JsonNode response : List.of(c.text("hello", ""), c.text("[USER] already", ""), c.text("   ", ""),
                c.text("Keep answers short.", "\"role\":\"developer\""), c.text("Sure.", "\"role\":\"assistant\""),
                c.text("go", "\"createResponse\":true"))) {
            assertThat(response.get("result")).isEqualTo(json("{}"));
        }
        List<String> frames = frames(7);
        assertFrame(frames.get(1), upText("[USER] hello"));
        assertFrame(frames.get(2), upText("[USER] already"));
        assertFrame(frames.get(3), upText("developer", "input_text", "Keep answers short."));
        assertFrame(frames.get(4), upText("assistant", "output_text", "Sure."));
        assertFrame(frames.get(5), upText("[USER] go"));
        assertFrame(frames.get(6), CREATE);
    }

    @Test
    void d15b_speechOnV2() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s")));
        c.speech("The build is green.");
        List<String> frames = frames(3);
        assertFrame(frames.get(1), progress("The build is green."));
        assertFrame(frames.get(2), CREATE);
    }

    @Test
    void d15c_speechWaitsForTheActiveResponse() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s"), created("resp_1")).batch()
                .batch(done("resp_1")));
        c.awaitEvent("{\"ResponseCreated\":{\"response_id\":\"resp_1\"}}");
        c.speech("wait");
        assertFrame(frames(2).get(1), progress("wait"));
        c.quiet(300);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(2);
        c.audio();
        assertFrame(frames(4).get(3), CREATE);
    }

    @Test
    void d15d_blankSpeechIsANoop() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s")));
        assertThat(c.speech("   ").get("result")).isEqualTo(json("{}"));
        c.quiet(300);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(1);
    }

    @Test
    void d16_responseIdCorrelation() throws Exception {
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("sess_corr"), created("resp_1"),
                v2Call("call_1", "item_1", "check")).batch().batch().batch(cancelled("resp_1"), done("resp_1"))
                .batch().batch().batch(created("resp_2"), done("resp_2")));
        c.await("thread/realtime/itemAdded", p -> "handoff_request".equals(p.at("/item/type").asString()));
        agentMessage("call_1", "done");
        turnEnded("call_1");
        frames(3);
        c.audio();
        List<String> frames = frames(5);
        assertFrame(frames.get(1), progress("done"));
        assertFrame(frames.get(2), output("call_1", ACK_DONE));
        assertFrame(frames.get(3), UP_AUDIO);
        assertFrame(frames.get(4), CREATE);
        c.awaitEvent("{\"ResponseDone\":{\"response_id\":\"resp_1\"}}");
        c.text("and then?", "\"createResponse\":true");
        assertFrame(frames(6).get(5), upText("[USER] and then?"));
        c.quiet(300);
        assertThat(UPSTREAM.connection(0).frames()).hasSize(6);
        c.audio();
        frames = frames(8);
        assertFrame(frames.get(6), UP_AUDIO);
        assertFrame(frames.get(7), CREATE);
    }

    @Test
    void d18_webrtcTransportRejected() throws Exception {
        UPSTREAM.reset();
        RealtimeClient c = client();
        c.start("\"transport\":{\"type\":\"webrtc\",\"sdp\":\"v=offer\\r\\n\"}");
        assertThat(c.awaitNotification("thread/realtime/error").at("/params/message").asString())
                .isEqualTo("webrtc transport is not supported");
        assertThat(c.quiet(200)).noneMatch(RealtimeClient::isRealtime);
        assertThat(UPSTREAM.connectionCount()).isZero();
    }

    @Test
    void d19_textModalityOnV2() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        c.start("\"outputModality\":\"text\"");
        c.awaitNotification("thread/realtime/started");
        UPSTREAM.connection(0).awaitFrames(1, AWAIT);
        assertThat(UPSTREAM.connection(0).frame(0).at("/session/output_modalities")).isEqualTo(json("[\"text\"]"));
    }

    @Test
    void d20_binaryAndGarbageAreIgnored() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s"), FakeUpstream.binary((byte) 1, (byte) 2),
                "not json", "{\"type\":\"rate_limits.updated\",\"rate_limits\":[]}", v2Audio("item_a", 480)));
        assertThat(c.awaitNotification("thread/realtime/outputAudio/delta").at("/params/audio/itemId").asString())
                .isEqualTo("item_a");
        assertThat(c.quiet(300)).noneMatch(m -> m.path("method").asString("").matches("thread/realtime/(error|closed)"));
    }

    @Test
    void d20b_connectionLostWithoutCloseFrame() {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s")).dropAfterScript());
        JsonNode error = c.rpc.await(m -> "thread/realtime/error".equals(m.path("method").asString("")));
        assertThat(error.at("/params/message").asString()).startsWith("realtime websocket error: ");
        JsonNode next = c.rpc.await(RealtimeClient::isLegacyTyped);
        assertThat(next.get("method").asString()).isEqualTo("thread/realtime/closed");
        assertThat(next.at("/params/reason").asString()).isEqualTo("error");
    }

    @Test
    void d21_appendAudioAsNotification() throws Exception {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s")));
        c.audioNotification();
        c.audioNotification();
        c.audioNotification();
        List<String> frames = frames(4);
        for (int i = 1; i <= 3; i++) {
            assertFrame(frames.get(i), UP_AUDIO);
        }
        assertThat(c.quiet(100)).noneMatch(m -> m.has("id"));
    }

    @Test
    void appendAudioWithInvalidBase64() {
        RealtimeClient c = startedWith(FakeUpstream.script().batch(su("s")));
        JsonNode response = c.call("thread/realtime/appendAudio",
                "\"audio\":{\"data\":\"@@@\",\"sampleRate\":24000,\"numChannels\":1}");
        assertThat(response.at("/error/message").asString()).isEqualTo("Invalid params: audio.data is not valid base64");
    }

    @Test
    void listVoices() {
        RealtimeClient c = client();
        JsonNode voices = c.rpc.request("thread/realtime/listVoices", "{}").get("result").get("voices");
        assertThat(voices.get("defaultV1").asString()).isEqualTo("cove");
        assertThat(voices.get("defaultV2").asString()).isEqualTo("marin");
    }

    @Test
    void rest_startStateStopAndPreflight() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        String base = "/api/v1/threads/" + c.threadId + "/realtime";
        Response accepted = rest("POST", base, "{\"outputModality\":\"audio\",\"prompt\":\"p\"}");
        assertThat(accepted.status).isEqualTo(202);
        assertThat(accepted.location).isEqualTo(base);
        c.awaitNotification("thread/realtime/started");
        c.audio();
        frames(2);
        JsonNode state = rest("GET", base, null).body;
        assertThat(state.get("state").asString()).isEqualTo("running");
        assertThat(state.get("version").asString()).isEqualTo("v2");
        assertThat(state.get("subscribers").asInt()).isEqualTo(1);
        assertThat(state.at("/counters/audioInFrames").asLong()).isEqualTo(1);
        assertThat(state.at("/counters/audioInDropped").asLong()).isZero();
        assertThat(state.get("startedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Response rejected = rest("POST", base, "{\"outputModality\":\"audio\",\"voice\":\"cove\"}");
        assertThat(rejected.status).isEqualTo(422);
        assertThat(rejected.body.get("detail").asString()).startsWith("realtime voice `cove` is not supported for v2");
        assertThat(c.awaitNotification("thread/realtime/error").at("/params/message").asString())
                .startsWith("realtime voice `cove`");

        assertThat(rest("DELETE", base, null).status).isEqualTo(202);
        c.awaitClosed("requested");
        state = rest("GET", base, null).body;
        assertThat(state.get("state").asString()).isEqualTo("idle");
        assertThat(state.get("lastCloseReason").asString()).isEqualTo("requested");
        assertThat(state.get("lastError").asString()).startsWith("realtime voice `cove`");
        assertThat(rest("GET", "/api/v1/threads/01a2001f-0000-7000-8000-000000000000/realtime", null).status)
                .isEqualTo(404);
        assertThat(rest("GET", "/api/v1/realtime/voices", null).body.get("defaultV2").asString()).isEqualTo("marin");
    }

    record Response(int status, JsonNode body, String location) {
    }

    private Response rest(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? null : json(response.body()),
                response.headers().firstValue("Location").orElse(null));
    }
}
