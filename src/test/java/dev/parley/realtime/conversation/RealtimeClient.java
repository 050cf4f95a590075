package dev.parley.realtime.conversation;

import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The RpcClient of {@code 07} §1.3: initialized with {@code realtimeEvents: true} (unless told otherwise) and
 * subscribed to a fresh thread T.
 */
final class RealtimeClient implements AutoCloseable {

    final RpcTestClient rpc;
    final String threadId;
    private final AtomicLong ids = new AtomicLong(1);

    RealtimeClient(int port, boolean realtimeEvents) {
        this.rpc = RpcTestClient.connect(port);
        rpc.request("initialize", "{\"clientInfo\":{\"name\":\"realtime_test\",\"version\":\"1.0\"},"
                + "\"capabilities\":{\"realtimeEvents\":" + realtimeEvents + "}}");
        this.threadId = rpc.request("thread/start", "{}").get("result").get("thread").get("id").asString();
        rpc.awaitNotification("thread/started");
    }

    /** A second client subscribed to an existing thread through {@code thread/resume}. */
    RealtimeClient(int port, boolean realtimeEvents, String threadId) {
        this(port, realtimeEvents, threadId, true);
    }

    /** A second client for an existing thread, connected and initialized; subscribed now only if {@code resume}. */
    RealtimeClient(int port, boolean realtimeEvents, String threadId, boolean resume) {
        this.rpc = RpcTestClient.connect(port);
        rpc.request("initialize", "{\"clientInfo\":{\"name\":\"realtime_test\",\"version\":\"1.0\"},"
                + "\"capabilities\":{\"realtimeEvents\":" + realtimeEvents + "}}");
        this.threadId = threadId;
        if (resume) {
            resume();
        }
    }

    /** Subscribes to the thread ({@code thread/resume}). */
    void resume() {
        rpc.request("thread/resume", "{\"threadId\":\"" + threadId + "\"}");
    }

    /** Sends a request without waiting; returns its id. */
    long send(String method, String extraParams) {
        long id = ids.incrementAndGet();
        String params = "{\"threadId\":\"" + threadId + "\"" + (extraParams.isEmpty() ? "" : "," + extraParams) + "}";
        rpc.send("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return id;
    }

    JsonNode call(String method, String extraParams) {
        return rpc.awaitResponse(send(method, extraParams));
    }

    /** {@code START{…}} of {@code 07} §2.2: audio output and prompt {@code backend prompt} unless overridden. */
    long start(String extra) {
        String base = "\"outputModality\":\"audio\",\"prompt\":\"backend prompt\"";
        return send("thread/realtime/start", extra.isEmpty() ? base : base + "," + extra);
    }

    long startRaw(String params) {
        return send("thread/realtime/start", params);
    }

    JsonNode audio() {
        return call("thread/realtime/appendAudio", AUDIO_PARAMS);
    }

    void audioNotification() {
        rpc.send("{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + threadId + "\","
                + AUDIO_PARAMS + "}}");
    }

    JsonNode text(String text, String extra) {
        return call("thread/realtime/appendText", "\"text\":" + RealtimeFixtures.quote(text)
                + (extra.isEmpty() ? "" : "," + extra));
    }

    JsonNode speech(String text) {
        return call("thread/realtime/appendSpeech", "\"text\":" + RealtimeFixtures.quote(text));
    }

    long stop() {
        return send("thread/realtime/stop", "");
    }

    JsonNode awaitResponse(long id) {
        return rpc.awaitResponse(id);
    }

    JsonNode awaitNotification(String method) {
        return rpc.awaitNotification(method);
    }

    /** The next notification of that method whose params satisfy the predicate. */
    JsonNode await(String method, Predicate<JsonNode> params) {
        return rpc.await(m -> !m.has("id") && method.equals(m.path("method").asString(null))
                && params.test(m.get("params")));
    }

    /** Waits for {@code thread/realtime/event} with exactly that event. */
    JsonNode awaitEvent(String eventJson) {
        JsonNode expected = RealtimeFixtures.json(eventJson);
        return await("thread/realtime/event", p -> p.get("event").equals(expected));
    }

    JsonNode awaitClosed(String reason) {
        return await("thread/realtime/closed", p -> reason.equals(p.get("reason").asString()));
    }

    List<JsonNode> quiet(long millis) throws InterruptedException {
        return RealtimeFixtures.quietWindow(rpc, millis);
    }

    static boolean isRealtime(JsonNode message) {
        return !message.has("id") && message.path("method").asString("").startsWith("thread/realtime/");
    }

    /** A realtime notification of {@code 02} §7 (typed or the event stream), not of the timeline ({@code 09}). */
    static boolean isLegacyOrEvent(JsonNode message) {
        return isRealtime(message) && !message.path("method").asString("").startsWith("thread/realtime/item/");
    }

    /** A typed realtime notification of {@code 02} §7.9: neither the event stream nor the timeline ({@code 09}). */
    static boolean isLegacyTyped(JsonNode message) {
        String method = message.path("method").asString("");
        return isRealtime(message) && !method.equals("thread/realtime/event")
                && !method.startsWith("thread/realtime/item/");
    }

    @Override
    public void close() {
        rpc.close();
    }

    static final String AUDIO_PARAMS =
            "\"audio\":{\"data\":\"AQID\",\"sampleRate\":24000,\"numChannels\":1,\"samplesPerChannel\":480}";
}
