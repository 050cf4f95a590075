package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.V1_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.assertFrame;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static dev.parley.realtime.conversation.RealtimeV1ConversationTest.assertNotRunning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.FakeUpstreamScript;
import dev.parley.testsupport.LeakProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The realtime rows of the fault table ({@code 08-quality-bars.md} §2), one test per row, over real sockets
 * against a misbehaving {@link FakeUpstream}. Each asserts what the client sees and that nothing is left
 * behind: no conversation registered, no input-loop or publisher thread, no upstream socket open.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.rpc.outbound-queue-limit=512")
class RealtimeFaultTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();
    static final String CONNECT_TIMEOUT = "400ms";
    /** Bound for tens of MiB of flooded audio to be queued or dropped; generous because CI machines are shared. */
    static final Duration FLOOD_DEADLINE = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        RealtimeFixtures.fakeUpstreamProfile(registry, UPSTREAM);
        registry.add("parley.realtime.startup-context", () -> "");
        registry.add("parley.realtime.connect-timeout", () -> CONNECT_TIMEOUT);
        // the floods below stall the upstream on purpose for as long as a loaded machine takes to account for them
        registry.add("parley.realtime.send-timeout", () -> "60s");
    }

    @LocalServerPort
    int port;

    @Autowired
    RealtimeConversationManager manager;

    private final ConcurrentLinkedQueue<RealtimeClient> clients = new ConcurrentLinkedQueue<>();

    private RealtimeClient client() {
        return track(new RealtimeClient(port, true));
    }

    private RealtimeClient track(RealtimeClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() throws IOException {
        clients.forEach(RealtimeClient::close);
        UPSTREAM.acceptConnections();
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }


    // ---- upstream refuses the connection / times out the handshake

    @Test
    void upstreamRefusesTheConnection() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        UPSTREAM.refuseConnections();
        assertConnectFailure(c, "failed to connect to realtime upstream: connection refused");
        assertThat(UPSTREAM.connectionCount()).isZero();
        UPSTREAM.acceptConnections();
        assertLaterStartWorks(c);
    }

    @Test
    void upstreamTimesOutTheHandshake() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().neverAnswerHandshake(), FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        assertConnectFailure(c, "failed to connect to realtime upstream: timed out after " + CONNECT_TIMEOUT);
        // the half-open TCP connection was dropped, not left to the peer
        UPSTREAM.connection(0).awaitEnd(AWAIT);
        assertLaterStartWorks(c);
    }

    @Test
    void upstreamRejectsTheHandshake() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().rejectHandshake(503), FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        assertConnectFailure(c, "failed to connect to realtime upstream: HTTP 503");
        UPSTREAM.connection(0).awaitEnd(AWAIT);
        assertLaterStartWorks(c);
    }

    /** {@code {}}, then {@code thread/realtime/error} only; no {@code closed}; nothing registered or running. */
    private void assertConnectFailure(RealtimeClient c, String message) throws Exception {
        assertThat(c.awaitResponse(c.start("")).get("result")).isEqualTo(json("{}"));
        JsonNode error = c.rpc.await(RealtimeClient::isRealtime);
        assertThat(error.get("method").asString()).isEqualTo("thread/realtime/error");
        assertThat(error.at("/params/message").asString()).isEqualTo(message);
        assertNotRunning(c.text("x", ""));
        assertThat(c.quiet(200)).noneMatch(RealtimeClient::isRealtime);
        JsonNode state = state(c.threadId);
        assertThat(state.get("state").asString()).isEqualTo("idle");
        assertThat(state.get("lastError").asString()).isEqualTo(message);
        assertThat(state.get("lastCloseReason").isNull()).isTrue();
        assertReleased();
    }

    private void assertLaterStartWorks(RealtimeClient c) throws Exception {
        c.start("");
        c.awaitNotification("thread/realtime/started");
        c.audio();
        FakeUpstream.Recording connection = UPSTREAM.connection(UPSTREAM.connectionCount() - 1);
        assertFrame(connection.awaitFrames(2, AWAIT).get(1), UP_AUDIO);
        c.stop();
        c.awaitClosed("requested");
        connection.awaitEnd(AWAIT);
        assertReleased();
    }

    // ---- upstream closes mid-conversation

    @Test
    void upstreamClosesMidConversation() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")).batch(v2Audio("item_a", 480)).closeAfterScript());
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        // started is published just before the loop and the publisher start (04 §3.1 step 6)
        LeakProbe.awaitUntil(() -> realtimeWorkers(LeakProbe.threadNames()) == 2, AWAIT,
                () -> "the probe sees the loop and the publisher: " + realtimeWorkers(LeakProbe.threadNames()));
        c.audio();
        c.awaitNotification("thread/realtime/outputAudio/delta");
        JsonNode next = c.rpc.await(RealtimeClient::isLegacyTyped);
        assertThat(next.get("method").asString()).isEqualTo("thread/realtime/closed");
        assertThat(next.at("/params/reason").asString()).isEqualTo("transport_closed");
        FakeUpstream.Recording connection = UPSTREAM.connection(0);
        connection.awaitEnd(AWAIT);
        assertThat(connection.closeCodes()).as("Parley completed the closing handshake").containsExactly(1000);
        assertReleased();
        assertNotRunning(c.text("x", ""));
        assertThat(c.quiet(200)).noneMatch(RealtimeClient::isRealtime);
        assertThat(state(c.threadId).get("lastCloseReason").asString()).isEqualTo("transport_closed");
    }

    // ---- upstream sends garbage or unknown event types

    static final List<Object> GARBAGE = List.of(
            "not json", "", "[]", "null", "42", "\"text\"", "{}", "{\"type\":5}", "{\"type\":null}", "{\"type\":\"\"}",
            "{\"type\":[\"error\"]}", "{\"type\":\"rate_limits.updated\",\"rate_limits\":[]}",
            "{\"type\":\"response.function_call_arguments.delta\",\"delta\":\"{\"}",
            "{\"type\":\"session.updated\",\"session\":\"x\"}", "{\"type\":\"session.updated\"}",
            "{\"type\":\"response.output_audio.delta\",\"delta\":5}",
            "{\"type\":\"response.output_audio.delta\"}",
            "{\"type\":\"conversation.item.input_audio_transcription.delta\",\"delta\":{}}",
            "{\"type\":\"response.output_audio_transcript.done\",\"transcript\":[1]}",
            "{\"type\":\"conversation.item.done\",\"item\":\"x\"}",
            "{\"type\":\"conversation.item.done\",\"item\":{\"type\":\"function_call\",\"name\":\"background_agent\"}}",
            "{\"type\":\"conversation.item.done\",\"item\":{\"type\":\"function_call\",\"name\":7,\"id\":\"i\"}}",
            "{\"type\":\"conversation.item.added\",\"item\":null}",
            "{\"type\":\"error\"}", "{\"type\":\"error\",\"message\":5}",
            "{\"type\":\"unknown." + "x".repeat(100_000) + "\"}",
            "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
            "{\"type\":\"conversation.item.done\",\"item\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"", "\u0000\u0001garbage\uFFFF",
            FakeUpstream.binary((byte) 0xFF, (byte) 0x00, (byte) 0x81), FakeUpstream.ping("are you there"),
            FakeUpstream.fragment("{\"type\":\"also.unknown\",\"payload\":\"" + "y".repeat(5_000) + "\"}", 7));

    @Test
    void upstreamSendsGarbageOrUnknownEventTypes(CapturedOutput output) throws Exception {
        List<Object> batch = new ArrayList<>(List.of(su("s")));
        batch.addAll(GARBAGE);
        batch.add(v2Audio("item_after", 480));
        UPSTREAM.reset(FakeUpstream.script().batch(batch.toArray()).batch(v2Audio("item_then", 480)));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        assertGarbageIgnored(c, "item_after", "item_then");

        UPSTREAM.reset(FakeUpstream.script().batch(v1Batch()).batch(V1_AUDIO));
        RealtimeClient v1 = client();
        v1.start("\"version\":\"v1\"");
        v1.awaitNotification("thread/realtime/started");
        assertGarbageIgnored(v1, null, null);

        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as("garbage is logged at debug only").noneMatch(line -> line.contains("dev.parley.realtime"));
    }

    private static Object[] v1Batch() {
        List<Object> batch = new ArrayList<>(List.of(su("s")));
        batch.addAll(GARBAGE);
        batch.add("{\"type\":\"conversation.output_audio.delta\",\"delta\":7}");
        batch.add("{\"type\":\"conversation.handoff.requested\",\"handoff_id\":5}");
        batch.add(V1_AUDIO);
        return batch.toArray();
    }

    /** The valid event after the garbage arrives, audio still flows both ways, nothing ended. */
    private void assertGarbageIgnored(RealtimeClient c, String itemAfter, String itemThen) throws Exception {
        JsonNode first = c.awaitNotification("thread/realtime/outputAudio/delta");
        assertThat(textOrNull(first.at("/params/audio/itemId"))).isEqualTo(itemAfter);
        c.audio();
        assertFrame(UPSTREAM.connection(0).awaitFrames(2, AWAIT).get(1), UP_AUDIO);
        JsonNode second = c.awaitNotification("thread/realtime/outputAudio/delta");
        assertThat(textOrNull(second.at("/params/audio/itemId"))).isEqualTo(itemThen);
        assertThat(c.quiet(200)).noneMatch(m -> m.path("method").asString("").matches("thread/realtime/(error|closed)"));
        JsonNode state = state(c.threadId);
        assertThat(state.get("state").asString()).isEqualTo("running");
        assertThat(state.at("/counters/audioOutFrames").asLong()).isEqualTo(2);
        c.stop();
        c.awaitClosed("requested");
        assertReleased();
    }

    // ---- upstream error event

    @Test
    void upstreamErrorEvent() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s"))
                .batch("{\"type\":\"error\",\"error\":{\"type\":\"server_error\",\"message\":\"The server had an error\"}}",
                        v2Audio("item_late", 480)));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        c.audio();
        List<JsonNode> typed = new ArrayList<>();
        while (typed.isEmpty() || !"thread/realtime/closed".equals(typed.getLast().get("method").asString())) {
            typed.add(c.rpc.await(RealtimeClient::isLegacyTyped));
        }
        assertThat(typed).extracting(m -> m.get("method").asString())
                .containsExactly("thread/realtime/error", "thread/realtime/closed");
        assertThat(typed.get(0).at("/params/message").asString()).isEqualTo("The server had an error");
        assertThat(typed.get(1).at("/params/reason").asString()).isEqualTo("error");
        FakeUpstream.Recording connection = UPSTREAM.connection(0);
        connection.awaitClose(AWAIT);
        assertThat(connection.closeCodes()).containsExactly(1000);
        connection.awaitEnd(AWAIT);
        assertReleased();
        assertThat(c.quiet(200)).as("frames after the error are discarded").noneMatch(RealtimeClient::isRealtime);
        JsonNode state = state(c.threadId);
        assertThat(state.get("lastCloseReason").asString()).isEqualTo("error");
        assertThat(state.get("lastError").asString()).isEqualTo("The server had an error");
    }

    // ---- upstream slower than the client (backpressure)

    @Test
    void upstreamSlowerThanTheClient() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")).stopReadingAfter(1));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        LeakProbe.Snapshot before = LeakProbe.take(true);
        // 48 KiB of base64 per frame: the upstream's socket buffers hold a few dozen, the queue 256, the rest drops
        String frame = "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + c.threadId
                + "\",\"audio\":{\"data\":\"" + "A".repeat(48 * 1024) + "\",\"sampleRate\":24000,\"numChannels\":1}}}";
        int sent = 800;
        for (int i = 0; i < sent; i++) {
            c.rpc.send(frame);
        }
        LeakProbe.awaitUntil(() -> accounted(c.threadId) == sent, FLOOD_DEADLINE,
                () -> "every frame queued or dropped: " + state(c.threadId).get("counters"));
        assertThat(c.audio().get("result")).as("a dropped request-form append still succeeds").isEqualTo(json("{}"));
        JsonNode counters = state(c.threadId).get("counters");
        long queued = counters.get("audioInFrames").asLong();
        assertThat(counters.get("audioInDropped").asLong()).isPositive();
        assertThat(queued).isLessThan(sent);
        LeakProbe.Snapshot during = LeakProbe.take(true);
        assertThat(during.heapUsedBytes() - before.heapUsedBytes())
                .as("heap growth while the upstream is stalled (%d MiB were sent)", sent * 48 / 1024)
                .isLessThan(28L * 1024 * 1024);
        assertThat(c.quiet(100)).as("dropping is silent").noneMatch(m -> m.path("method").asString("").contains("error"));

        FakeUpstream.Recording connection = UPSTREAM.connection(0);
        connection.resumeReading();
        long accepted = state(c.threadId).at("/counters/audioInFrames").asLong();
        List<String> frames = connection.awaitFrames((int) accepted + 1, AWAIT);
        assertThat(frames.subList(1, frames.size())).as("every accepted frame reached the upstream, in order")
                .allMatch(f -> f.startsWith("{\"type\":\"input_audio_buffer.append\""));
        c.audio();
        connection.awaitFrames((int) accepted + 2, AWAIT);
        assertThat(state(c.threadId).get("state").asString()).isEqualTo("running");
        c.stop();
        c.awaitClosed("requested");
        assertReleased();
        assertThat(queued).isGreaterThan(0);
    }

    @Test
    void clientStopsWhileTheUpstreamIsStalled() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")).stopReadingAfter(1));
        RealtimeClient c = client();
        c.start("");
        c.awaitNotification("thread/realtime/started");
        String frame = "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + c.threadId
                + "\",\"audio\":{\"data\":\"" + "A".repeat(48 * 1024) + "\",\"sampleRate\":24000,\"numChannels\":1}}}";
        int sent = 400;
        for (int i = 0; i < sent; i++) {
            c.rpc.send(frame);
        }
        LeakProbe.awaitUntil(() -> accounted(c.threadId) == sent, FLOOD_DEADLINE, () -> "every frame accounted");
        assertThat(state(c.threadId).at("/counters/audioInDropped").asLong()).as("the loop is stuck writing").isPositive();
        // the loop cannot take the Stop while its write hangs: after the close timeout the socket is dropped
        c.stop();
        c.awaitClosed("requested");
        LeakProbe.awaitUntil(() -> manager.activeConversations() == 0 && realtimeWorkers(LeakProbe.threadNames()) == 0,
                AWAIT, () -> "the stuck loop to end");
        FakeUpstream.Recording connection = UPSTREAM.connection(0);
        connection.resumeReading();
        connection.awaitEnd(AWAIT);
        assertThat(connection.closeCodes()).as("dropped, not closed: a Close frame could not get through").isEmpty();
        assertThat(c.quiet(100)).noneMatch(RealtimeClient::isRealtime);
        assertReleased();
    }

    private long accounted(String threadId) {
        JsonNode counters = state(threadId).get("counters");
        return counters.get("audioInFrames").asLong() + counters.get("audioInDropped").asLong();
    }

    // ---- slow client that stops reading (realtime aspect: one conversation, two subscribers)

    @Test
    void slowClientThatStopsReading() throws Exception {
        // the upstream answers every client audio frame with a burst of output audio; a client that reads keeps
        // up with one burst at a time (150 < the bound of 512), the one that stopped reading falls behind for good
        int bursts = 20;
        int perBurst = 150;
        String data = "B".repeat(4_096);
        FakeUpstreamScript script = FakeUpstream.script().batch(su("s"));
        for (int b = 0; b < bursts; b++) {
            Object[] burst = new Object[perBurst];
            for (int i = 0; i < perBurst; i++) {
                burst[i] = "{\"type\":\"response.output_audio.delta\",\"item_id\":\"item_" + (b * perBurst + i)
                        + "\",\"delta\":\"" + data + "\"}";
            }
            script.batch(burst);
        }
        UPSTREAM.reset(script.batch());
        RealtimeClient healthy = track(new RealtimeClient(port, false));
        RealtimeClient slow = track(new RealtimeClient(port, true, healthy.threadId));
        healthy.start("");
        healthy.awaitNotification("thread/realtime/started");
        slow.awaitNotification("thread/realtime/started");
        slow.rpc.stopReading();
        assertThat(state(healthy.threadId).get("subscribers").asInt()).isEqualTo(2);
        for (int b = 0; b < bursts; b++) {
            healthy.audioNotification();
            for (int i = 0; i < perBurst; i++) {
                JsonNode delta = healthy.await("thread/realtime/outputAudio/delta", p -> true);
                assertThat(delta.at("/params/audio/itemId").asString()).isEqualTo("item_" + (b * perBurst + i));
            }
        }
        LeakProbe.awaitUntil(() -> state(healthy.threadId).get("subscribers").asInt() == 1, AWAIT,
                () -> "the slow subscriber to be dropped");
        assertThat(healthy.rpc.closed()).as("the reading client stays connected").isNotDone();
        healthy.audio();
        assertFrame(UPSTREAM.connection(0).awaitFrames(bursts + 2, AWAIT).get(bursts + 1), UP_AUDIO);
        assertThat(state(healthy.threadId).get("state").asString()).isEqualTo("running");
        healthy.stop();
        healthy.awaitClosed("requested");
        assertReleased();
    }

    // ---- client disconnects while a conversation runs

    @Test
    void clientDisconnectsWhileAConversationRuns() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")).batch(v2Audio("item_1", 480)));
        RealtimeClient first = client();
        RealtimeClient second = track(new RealtimeClient(port, true, first.threadId));
        first.start("");
        second.awaitNotification("thread/realtime/started");
        first.close();
        LeakProbe.awaitUntil(() -> state(first.threadId).get("subscribers").asInt() == 1, AWAIT,
                () -> "the first subscriber to be gone");
        second.audio();
        assertFrame(UPSTREAM.connection(0).awaitFrames(2, AWAIT).get(1), UP_AUDIO);
        assertThat(second.awaitNotification("thread/realtime/outputAudio/delta").at("/params/audio/itemId").asString())
                .isEqualTo("item_1");
        List<JsonNode> meanwhile = second.quiet(500);
        assertThat(meanwhile).as("it keeps running past the orphan timeout while someone listens")
                .noneMatch(m -> "thread/realtime/closed".equals(m.path("method").asString("")));
        assertThat(state(first.threadId).get("state").asString()).isEqualTo("running");

        second.close();
        FakeUpstream.Recording connection = UPSTREAM.connection(0);
        connection.awaitClose(AWAIT);
        assertThat(connection.closeCodes()).containsExactly(1000);
        LeakProbe.awaitUntil(() -> "idle".equals(state(first.threadId).get("state").asString()), AWAIT,
                () -> "the orphaned conversation to end");
        JsonNode state = state(first.threadId);
        assertThat(state.get("lastCloseReason").asString()).isEqualTo("orphaned");
        assertThat(state.get("subscribers").asInt()).isZero();
        assertReleased();
    }

    // ---- many start/stop cycles and many upstream failures

    @Test
    void manyStartStopCyclesReturnToBaseline() throws Exception {
        startStopCycles(50);
    }

    @Test
    @Tag("long")
    void thousandStartStopCyclesReturnToBaseline() throws Exception {
        startStopCycles(1_000);
    }

    @Test
    void manyUpstreamFailuresReturnToBaseline() throws Exception {
        upstreamFailureCycles(50, 10);
    }

    @Test
    @Tag("long")
    void thousandUpstreamFailuresReturnToBaseline() throws Exception {
        upstreamFailureCycles(1_000, 100);
    }

    private void startStopCycles(int cycles) throws Exception {
        UPSTREAM.reset();
        RealtimeClient c = client();
        startStop(c);
        LeakProbe.Snapshot baseline = LeakProbe.take(true);
        for (int i = 0; i < cycles; i++) {
            startStop(c);
        }
        assertBackToBaseline(baseline);
        assertThat(UPSTREAM.connectionCount()).isEqualTo(cycles + 1);
    }

    private void startStop(RealtimeClient c) {
        c.start("");
        c.awaitNotification("thread/realtime/started");
        c.audioNotification();
        c.stop();
        c.awaitClosed("requested");
    }

    /**
     * Rotates through every kind of upstream failure; every {@code timeoutEvery}-th cycle is a handshake that
     * never answers (slow by nature: it waits out the connect timeout).
     */
    private void upstreamFailureCycles(int cycles, int timeoutEvery) throws Exception {
        List<FakeUpstreamScript> scripts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            if (i % timeoutEvery == timeoutEvery - 1) {
                scripts.add(FakeUpstream.script().neverAnswerHandshake());
                expected.add("error:failed to connect to realtime upstream: timed out after " + CONNECT_TIMEOUT);
                continue;
            }
            switch (i % 5) {
                case 0 -> {
                    scripts.add(FakeUpstream.script().rejectHandshake(500));
                    expected.add("error:failed to connect to realtime upstream: HTTP 500");
                }
                case 1 -> {
                    scripts.add(FakeUpstream.script().batch(su("s")).closeAfterScript());
                    expected.add("closed:transport_closed");
                }
                case 2 -> {
                    scripts.add(FakeUpstream.script().batch(su("s")).dropAfterScript());
                    expected.add("error:realtime websocket error: *,closed:error");
                }
                case 3 -> {
                    scripts.add(FakeUpstream.script().batch(su("s"), "{\"type\":\"error\",\"message\":\"boom\"}"));
                    expected.add("error:boom,closed:error");
                }
                default -> {
                    scripts.add(null);
                    expected.add("error:failed to connect to realtime upstream: connection refused");
                }
            }
        }
        UPSTREAM.reset();
        RealtimeClient c = client();
        startStop(c);
        LeakProbe.Snapshot baseline = LeakProbe.take(true);
        UPSTREAM.reset(scripts.stream().filter(s -> s != null).toArray(FakeUpstreamScript[]::new));
        for (int i = 0; i < cycles; i++) {
            boolean refused = scripts.get(i) == null;
            if (refused) {
                UPSTREAM.refuseConnections();
            }
            c.start("");
            List<String> seen = new ArrayList<>();
            String want = expected.get(i);
            while (seen.size() < want.split(",").length) {
                JsonNode m = c.rpc.await(n -> RealtimeClient.isLegacyTyped(n)
                        && !n.get("method").asString().endsWith("/started"));
                String kind = m.get("method").asString().substring("thread/realtime/".length());
                String detail = "closed".equals(kind) ? m.at("/params/reason").asString() : m.at("/params/message").asString();
                seen.add(kind + ":" + detail);
            }
            assertThat(String.join(",", seen)).as("cycle %d", i)
                    .matches(want.replace(".", "\\.").replace("*", ".*").replace("(", "\\(").replace(")", "\\)"));
            if (refused) {
                UPSTREAM.acceptConnections();
            }
        }
        assertBackToBaseline(baseline);
        startStop(c);
    }

    // ---- helpers

    /** No conversation registered, no loop or publisher thread alive, no upstream socket open at the fake. */
    private void assertReleased() {
        LeakProbe.awaitUntil(() -> manager.activeConversations() == 0 && UPSTREAM.openConnections() == 0
                        && realtimeWorkers(LeakProbe.threadNames()) == 0, AWAIT,
                () -> "conversations=" + manager.activeConversations() + ", open upstream sockets="
                        + UPSTREAM.openConnections() + ", realtime workers=" + realtimeWorkers(LeakProbe.threadNames()));
    }

    private void assertBackToBaseline(LeakProbe.Snapshot baseline) {
        assertReleased();
        LeakProbe.awaitUntil(() -> {
            LeakProbe.Snapshot now = LeakProbe.take(false);
            return now.threads() <= baseline.threads() + 4
                    && now.openFileDescriptors() <= baseline.openFileDescriptors() + 4;
        }, Duration.ofSeconds(10), () -> "baseline " + baseline + ", now " + LeakProbe.take(false));
        LeakProbe.Snapshot after = LeakProbe.take(true);
        assertThat(after.heapUsedBytes() - baseline.heapUsedBytes()).as("heap growth: baseline %s, after %s",
                baseline, after).isLessThan(16L * 1024 * 1024);
    }

    private static String textOrNull(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    private static long realtimeWorkers(List<String> threadNames) {
        return threadNames.stream()
                .filter(name -> name.startsWith("realtime-loop-") || name.startsWith("realtime-publisher-")).count();
    }

    private JsonNode state(String threadId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/threads/" + threadId + "/realtime")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return json(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
