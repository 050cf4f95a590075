package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.OUT_AUDIO_NOTIF_PARAMS;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.V1_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.assertFrame;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.params;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.upText;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1Handoff;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1In;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Conversation cases of {@code 07-conformance.md} with Profile P1 (V1), over real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeV1ConversationTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        RealtimeFixtures.fakeUpstreamProfile(registry, UPSTREAM);
        registry.add("parley.realtime.version", () -> "v1");
        registry.add("parley.realtime.model", () -> "realtime-test-model");
        registry.add("parley.realtime.startup-context", () -> "");
        registry.add("parley.realtime.connect-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @TestConfiguration
    static class Agent {
        @Bean
        @Primary
        ScriptedHandoffRouter scriptedHandoffRouter() {
            return new ScriptedHandoffRouter();
        }
    }

    @Autowired
    ScriptedHandoffRouter router;

    private final ConcurrentLinkedQueue<RealtimeClient> clients = new ConcurrentLinkedQueue<>();

    private RealtimeClient client() {
        RealtimeClient client = new RealtimeClient(port, true);
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RealtimeClient::close);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }


    @Test
    void c01_startAudioTextStopRoundTrip() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("sess_1")).batch().batch(V1_AUDIO,
                "{\"type\":\"conversation.item.added\",\"item\":{\"type\":\"message\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}"));
        RealtimeClient c = client();
        String t = c.threadId;
        assertThat(c.awaitResponse(c.start("")).get("result")).isEqualTo(json("{}"));
        JsonNode started = c.awaitNotification("thread/realtime/started").get("params");
        String sessionId = started.get("realtimeSessionId").asString();
        assertThat(started).isEqualTo(
                params("{\"threadId\":\"T\",\"realtimeSessionId\":\"" + sessionId + "\",\"version\":\"v1\"}", t));
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"sess_1\",\"instructions\":\"backend prompt\"}}");
        assertThat(c.audio().get("result")).isEqualTo(json("{}"));
        assertThat(c.text("hello", "").get("result")).isEqualTo(json("{}"));
        assertThat(c.awaitNotification("thread/realtime/outputAudio/delta").get("params"))
                .isEqualTo(params(OUT_AUDIO_NOTIF_PARAMS, t));
        assertThat(c.awaitNotification("thread/realtime/itemAdded").get("params").get("item")).isEqualTo(json(
                "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}"));
        long stop = c.stop();
        assertThat(c.awaitResponse(stop).get("result")).isEqualTo(json("{}"));
        assertThat(c.awaitClosed("requested").get("params")).isEqualTo(
                params("{\"threadId\":\"T\",\"reason\":\"requested\"}", t));

        FakeUpstream.Recording conn = UPSTREAM.connection(0);
        conn.awaitClose(AWAIT);
        assertThat(UPSTREAM.connectionCount()).isEqualTo(1);
        assertThat(conn.requestUri()).isEqualTo("/v1/realtime?intent=quicksilver&model=realtime-test-model");
        assertThat(conn.headers()).containsEntry("authorization", "Bearer dummy").containsEntry("x-session-id", sessionId)
                .containsEntry("openai-alpha", "quicksilver=v1");
        List<String> frames = conn.frames();
        assertThat(frames).hasSize(3);
        JsonNode session = json(frames.get(0));
        assertThat(session.get("type").asString()).isEqualTo("session.update");
        assertThat(session.get("session").get("instructions").asString()).isEqualTo("backend prompt");
        assertThat(session.at("/session/audio/output/voice").asString()).isEqualTo("cove");
        assertThat(frames.subList(1, 3).stream().map(RealtimeFixtures::json).toList())
                .containsExactlyInAnyOrder(json(UP_AUDIO), json(upText("hello")));
        assertThat(conn.closeCodes()).containsExactly(1000);
    }

    @Test
    void c04a_stopQueuedBehindSlowConnect() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().acceptDelay(Duration.ofMillis(500)).batch());
        RealtimeClient c = client();
        long start = c.start("");
        long stop = c.stop();
        List<String> order = List.of(
                c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).toString(),
                c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).toString(),
                c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).toString(),
                c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).toString());
        assertThat(json(order.get(0)).get("id").asLong()).isEqualTo(start);
        assertThat(json(order.get(1)).get("method").asString()).isEqualTo("thread/realtime/started");
        assertThat(json(order.get(2)).get("id").asLong()).isEqualTo(stop);
        assertThat(json(order.get(3)).get("params").get("reason").asString()).isEqualTo("requested");
        assertThat(c.quiet(700)).noneMatch(RealtimeClient::isRealtime);
        FakeUpstream.Recording conn = UPSTREAM.connection(0);
        conn.awaitClose(AWAIT);
        assertThat(json(conn.frames().getFirst()).get("type").asString()).isEqualTo("session.update");
        assertThat(conn.closeCodes()).containsExactly(1000);
    }

    @Test
    void c04b_stopBehindConnectThatTimesOut() {
        UPSTREAM.reset(FakeUpstream.script().neverAnswerHandshake());
        RealtimeClient c = client();
        long start = c.start("");
        long stop = c.stop();
        assertThat(c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).get("id").asLong()).isEqualTo(start);
        JsonNode error = c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id"));
        assertThat(error.get("method").asString()).isEqualTo("thread/realtime/error");
        assertThat(error.get("params").get("message").asString()).startsWith("failed to connect to realtime upstream: ");
        assertThat(c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).get("id").asLong()).isEqualTo(stop);
        JsonNode closed = c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id"));
        assertThat(closed.get("method").asString()).isEqualTo("thread/realtime/closed");
        assertThat(closed.get("params").get("reason").asString()).isEqualTo("requested");
    }

    @Test
    void c07_upstreamCloseEmitsTransportClosed() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("sess_close")).closeAfterScript());
        RealtimeClient c = client();
        c.start("");
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"sess_close\",\"instructions\":\"backend prompt\"}}");
        JsonNode next = c.rpc.await(RealtimeClient::isLegacyOrEvent);
        assertThat(next.get("method").asString()).isEqualTo("thread/realtime/closed");
        assertThat(next.get("params").get("reason").asString()).isEqualTo("transport_closed");
        assertNotRunning(c.text("x", ""));
    }

    @Test
    void c08_audioBeforeStart() {
        RealtimeClient c = client();
        assertNotRunning(c.audio());
        c.audioNotification();
        JsonNode error = c.awaitNotification("error");
        assertThat(error.get("params").get("error").get("message").asString()).isEqualTo("conversation is not running");
        assertThat(error.get("params").get("error").get("codexErrorInfo").asString()).isEqualTo("badRequest");
        assertThat(error.get("params").get("threadId").asString()).isEqualTo(c.threadId);
    }

    @Test
    void c10_connectFailureEmitsErrorOnly() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().rejectHandshake(401));
        RealtimeClient c = client();
        c.awaitResponse(c.start(""));
        JsonNode error = c.rpc.await(RealtimeClient::isLegacyOrEvent);
        assertThat(error.get("method").asString()).isEqualTo("thread/realtime/error");
        assertThat(error.get("params").get("message").asString()).startsWith("failed to connect to realtime upstream: ");
        assertThat(c.quiet(200)).noneMatch(RealtimeClient::isRealtime);
        assertNotRunning(c.text("x", ""));
    }

    @Test
    void c11_textBeforeStart() {
        assertNotRunning(client().text("hello", ""));
    }

    @Test
    void c12_secondStartReplacesTheFirst() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("sess_old")),
                FakeUpstream.script().batch(su("sess_new")).batch(V1_AUDIO));
        RealtimeClient c = client();
        c.start("\"prompt\":\"old\",\"realtimeSessionId\":\"conv_old\"");
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"sess_old\",\"instructions\":\"backend prompt\"}}");
        long second = c.start("\"prompt\":\"new\",\"realtimeSessionId\":\"conv_new\"");
        assertThat(c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id")).get("id").asLong()).isEqualTo(second);
        JsonNode closed = c.rpc.await(RealtimeClient::isLegacyOrEvent);
        assertThat(closed.get("method").asString()).isEqualTo("thread/realtime/closed");
        assertThat(closed.get("params").get("reason").asString()).isEqualTo("replaced");
        JsonNode started = c.rpc.await(RealtimeClient::isLegacyOrEvent);
        assertThat(started.get("params")).isEqualTo(
                params("{\"threadId\":\"T\",\"realtimeSessionId\":\"conv_new\",\"version\":\"v1\"}", c.threadId));
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"sess_new\",\"instructions\":\"backend prompt\"}}");
        c.audio();
        c.awaitNotification("thread/realtime/outputAudio/delta");

        FakeUpstream.Recording old = UPSTREAM.connection(0);
        FakeUpstream.Recording fresh = UPSTREAM.connection(1);
        assertThat(UPSTREAM.connectionCount()).isEqualTo(2);
        assertThat(old.headers()).containsEntry("x-session-id", "conv_old");
        assertThat(old.frames()).hasSize(1);
        assertThat(old.frame(0).at("/session/instructions").asString()).isEqualTo("old");
        assertThat(old.closeCodes()).containsExactly(1000);
        assertThat(fresh.headers()).containsEntry("x-session-id", "conv_new");
        List<String> frames = fresh.awaitFrames(2, AWAIT);
        assertThat(fresh.frame(0).at("/session/instructions").asString()).isEqualTo("new");
        assertFrame(frames.get(1), UP_AUDIO);
    }

    @Test
    void c15_nullOrEmptyPromptSendsEmptyInstructions() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s1")), FakeUpstream.script().batch(su("s2")));
        RealtimeClient c = client();
        c.start("\"prompt\":null");
        c.awaitNotification("thread/realtime/started");
        c.awaitResponse(c.stop());
        c.awaitClosed("requested");
        c.start("\"prompt\":\"\"");
        c.awaitNotification("thread/realtime/started");
        UPSTREAM.connection(0).awaitFrames(1, AWAIT);
        assertThat(UPSTREAM.connection(0).frame(0).at("/session/instructions").asString()).isEmpty();
        assertThat(UPSTREAM.connection(1).awaitFrames(1, AWAIT)).hasSize(1);
        assertThat(UPSTREAM.connection(1).frame(0).at("/session/instructions").asString()).isEmpty();
    }

    @Test
    void c16_explicitVoice() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        c.start("\"voice\":\"breeze\"");
        c.awaitNotification("thread/realtime/started");
        // started can be published before the fake has recorded the session.update it was sent after
        UPSTREAM.connection(0).awaitFrames(1, AWAIT);
        assertThat(UPSTREAM.connection(0).frame(0).at("/session/audio/output/voice").asString()).isEqualTo("breeze");
    }

    @Test
    void c34_upstreamItemNeverStartsWorkAndAudioFlows() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s"), "{\"type\":\"conversation.item.added\",\"item\":{\"type\":"
                + "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"echoed local text\"}]}}",
                V1_AUDIO));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        JsonNode item = c.awaitNotification("thread/realtime/itemAdded");
        assertThat(item.at("/params/item/content/0/text").asString()).isEqualTo("echoed local text");
        c.awaitNotification("thread/realtime/outputAudio/delta");
        assertThat(c.quiet(200)).noneMatch(m -> "turn/started".equals(m.path("method").asString("")));
        assertThat(router.recorded(c.threadId)).isEmpty();
    }

    @Test
    void v1HandoffIsRoutedBeforeItsItemIsPublishedAndRecordedWithoutAgent() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("sess_1"), v1In("delegate hello"),
                v1Handoff("handoff_1", "item_1", "delegate hello"), V1_AUDIO));
        RealtimeClient c = client();
        c.start("");
        // the handoff is held by the 1 s delegation grace, so the audio that followed it is published first
        c.awaitNotification("thread/realtime/outputAudio/delta");
        JsonNode item = c.await("thread/realtime/itemAdded", p -> "handoff_request".equals(p.at("/item/type").asString()));
        assertThat(item.get("params").get("item")).isEqualTo(json("{\"type\":\"handoff_request\",\"handoff_id\":"
                + "\"handoff_1\",\"item_id\":\"item_1\",\"input_transcript\":\"delegate hello\",\"active_transcript\":"
                + "[{\"role\":\"user\",\"text\":\"delegate hello\"}]}"));
        assertThat(router.recorded(c.threadId)).singleElement().satisfies(h -> {
            assertThat(h.tag().handoffId()).isEqualTo("handoff_1");
            assertThat(h.envelopeText()).isEqualTo("<realtime_delegation>\n  <input>delegate hello</input>\n"
                    + "  <transcript_delta>user: delegate hello</transcript_delta>\n</realtime_delegation>");
        });
        // V1 finalisation writes nothing: the upstream only ever saw session.update
        c.awaitResponse(c.stop());
        c.awaitClosed("requested");
        assertThat(UPSTREAM.connection(0).frames()).hasSize(1);
    }

    @Test
    void d02_pipelinedStartsReplaceInOrder() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().acceptDelay(Duration.ofMillis(500)).batch(), FakeUpstream.script().batch());
        RealtimeClient c = client();
        long a = c.start("\"realtimeSessionId\":\"a\"");
        long b = c.start("\"realtimeSessionId\":\"b\"");
        assertThat(nextRealtimeOrResponse(c).get("id").asLong()).isEqualTo(a);
        assertThat(nextRealtimeOrResponse(c).at("/params/realtimeSessionId").asString()).isEqualTo("a");
        assertThat(nextRealtimeOrResponse(c).get("id").asLong()).isEqualTo(b);
        assertThat(nextRealtimeOrResponse(c).at("/params/reason").asString()).isEqualTo("replaced");
        assertThat(nextRealtimeOrResponse(c).at("/params/realtimeSessionId").asString()).isEqualTo("b");
        FakeUpstream.Recording first = UPSTREAM.connection(0);
        first.awaitClose(AWAIT);
        assertThat(first.frames()).hasSize(1);
        assertThat(first.closeCodes()).containsExactly(1000);
        assertThat(c.quiet(200)).noneMatch(m -> "thread/realtime/closed".equals(m.path("method").asString("")));
    }

    @Test
    void d09_stopWithNothingRunning() {
        RealtimeClient c = client();
        long stop = c.stop();
        assertThat(c.rpc.next().get("id").asLong()).isEqualTo(stop);
        assertThat(c.awaitNotification("thread/realtime/closed").get("params"))
                .isEqualTo(params("{\"threadId\":\"T\",\"reason\":\"requested\"}", c.threadId));
    }

    @Test
    void d11_orphanedConversationIsClosed() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        c.start("");
        c.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"s\",\"instructions\":\"backend prompt\"}}");
        c.close();
        FakeUpstream.Recording conn = UPSTREAM.connection(0);
        conn.awaitClose(Duration.ofSeconds(2));
        assertThat(conn.closeCodes()).containsExactly(1000);
    }

    @Test
    void d11_newSubscriberKeepsTheConversation() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient first = client();
        first.start("");
        first.awaitEvent("{\"SessionUpdated\":{\"session_id\":\"s\",\"instructions\":\"backend prompt\"}}");
        // connected and initialized beforehand, so that only its resume falls within the 300 ms orphan timeout
        RealtimeClient second = new RealtimeClient(port, true, first.threadId, false);
        clients.add(second);
        first.close();
        second.resume();
        List<JsonNode> meanwhile = second.quiet(1_000);
        assertThat(UPSTREAM.connection(0).closeCodes()).isEmpty();
        assertThat(meanwhile).noneMatch(m -> "thread/realtime/closed".equals(m.path("method").asString("")));
        second.stop();
        second.awaitClosed("requested");
    }

    @Test
    void d14_createResponseIgnoredOnV1() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        c.text("hello", "\"createResponse\":true");
        FakeUpstream.Recording conn = UPSTREAM.connection(0);
        assertFrame(conn.awaitFrames(2, AWAIT).get(1), upText("hello"));
        c.quiet(300);
        assertThat(conn.frames()).hasSize(2);
    }

    @Test
    void d15a_speechOnV1() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        c.speech("The build is green.");
        assertFrame(UPSTREAM.connection(0).awaitFrames(2, AWAIT).get(1), "{\"type\":\"conversation.handoff.append\","
                + "\"handoff_id\":\"codex\",\"output_text\":\"The build is green.\"}");
    }

    @Test
    void d19_textModalityNeedsV2() throws Exception {
        UPSTREAM.reset();
        RealtimeClient c = client();
        c.startRaw("\"threadId\":\"" + c.threadId + "\",\"outputModality\":\"text\"");
        assertThat(c.awaitNotification("thread/realtime/error").at("/params/message").asString())
                .isEqualTo("text realtime output modality requires realtime v2");
        assertThat(c.quiet(200)).noneMatch(RealtimeClient::isRealtime);
        assertThat(UPSTREAM.connectionCount()).isZero();
    }

    @Test
    void d22_inputRightAfterStartReachesTheNewConversation() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().acceptDelay(Duration.ofMillis(300)).batch());
        RealtimeClient c = client();
        long start = c.start("");
        long text = c.send("thread/realtime/appendText", "\"text\":\"queued before connect\"");
        assertThat(nextRealtimeOrResponse(c).get("id").asLong()).isEqualTo(start);
        assertThat(nextRealtimeOrResponse(c).get("method").asString()).isEqualTo("thread/realtime/started");
        JsonNode answer = nextRealtimeOrResponse(c);
        assertThat(answer.get("id").asLong()).isEqualTo(text);
        assertThat(answer.get("result")).isEqualTo(json("{}"));
        assertFrame(UPSTREAM.connection(0).awaitFrames(2, AWAIT).get(1), upText("queued before connect"));
    }

    @Test
    void d24_fullFidelityStreamOnlyOnRequest() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("sess_1")).batch().batch(V1_AUDIO));
        RealtimeClient withEvents = client();
        RealtimeClient typedOnly = new RealtimeClient(port, false, withEvents.threadId);
        clients.add(typedOnly);
        withEvents.start("");
        withEvents.awaitNotification("thread/realtime/started");
        typedOnly.awaitNotification("thread/realtime/started");
        withEvents.audio();
        withEvents.text("hello", "");
        withEvents.awaitNotification("thread/realtime/outputAudio/delta");
        typedOnly.awaitNotification("thread/realtime/outputAudio/delta");
        withEvents.stop();
        withEvents.awaitClosed("requested");
        typedOnly.awaitClosed("requested");
        assertThat(typedOnly.rpc.rawMessages()).noneMatch(m -> m.contains("\"thread/realtime/event\""));
        assertThat(withEvents.rpc.rawMessages()).anyMatch(m -> m.contains("\"thread/realtime/event\""));
    }

    @Test
    void errStop_upstreamErrorEndsTheConversationOnV1() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s"), "{\"type\":\"error\",\"message\":\"x\"}"));
        RealtimeClient c = client();
        c.start("");
        JsonNode error = c.awaitNotification("thread/realtime/error");
        assertThat(error.get("params")).isEqualTo(params("{\"threadId\":\"T\",\"message\":\"x\"}", c.threadId));
        c.awaitEvent("{\"Error\":\"x\"}");
        JsonNode next = c.rpc.await(RealtimeClient::isLegacyOrEvent);
        assertThat(next.get("method").asString()).isEqualTo("thread/realtime/closed");
        assertThat(next.at("/params/reason").asString()).isEqualTo("error");
        UPSTREAM.connection(0).awaitClose(AWAIT);
        assertThat(UPSTREAM.connection(0).closeCodes()).containsExactly(1000);
        assertNotRunning(c.text("y", ""));
    }

    private static JsonNode nextRealtimeOrResponse(RealtimeClient c) {
        return c.rpc.await(m -> RealtimeClient.isLegacyOrEvent(m) || m.has("id"));
    }

    static void assertNotRunning(JsonNode response) {
        assertThat(response.get("error")).isEqualTo(json(
                "{\"code\":-32600,\"message\":\"conversation is not running\",\"data\":{\"codexErrorInfo\":\"badRequest\"}}"));
    }

}
