package dev.parley.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON-RPC client over a real WebSocket for integration tests: it records every message it receives
 * and lets tests wait for the next one matching a predicate (no sleeps).
 */
public final class RpcTestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JsonMapper json = WireJson.mapper();
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    /** Messages {@link #awaitResponse} passed over, oldest first; only the test thread touches it. */
    private final java.util.ArrayDeque<JsonNode> passedOver = new java.util.ArrayDeque<>();
    private final List<String> raw = new ArrayList<>();
    private final List<Received> log = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private volatile boolean reading = true;

    private RpcTestClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static RpcTestClient connect(int port) {
        return connect(URI.create("ws://127.0.0.1:" + port + "/rpc"), Map.of());
    }

    public static RpcTestClient connect(URI uri, Map<String, String> headers) {
        return new RpcTestClient(uri, headers);
    }

    /** Connects and initializes with default capabilities. */
    public static RpcTestClient initialized(int port) {
        RpcTestClient client = connect(port);
        client.request("initialize", "{\"clientInfo\":{\"name\":\"test_client\",\"version\":\"1.0\"}}");
        return client;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** Sends a request with a fresh integer id and returns its response (result or error). */
    public JsonNode request(String method, String params) {
        long id = ids.incrementAndGet();
        send("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return awaitResponse(id);
    }

    /**
     * The response to request {@code id}. Unlike {@link #await}, it keeps the notifications it passes over
     * (for the next {@code await}): a notification the request causes may overtake its response.
     */
    public JsonNode awaitResponse(long id) {
        Predicate<JsonNode> isResponse = m -> m.has("id") && m.get("id").isIntegralNumber()
                && m.get("id").asLong() == id && (m.has("result") || m.has("error"));
        for (var it = passedOver.iterator(); it.hasNext(); ) {
            JsonNode kept = it.next();
            if (isResponse.test(kept)) {
                it.remove();
                return kept;
            }
        }
        while (true) {
            JsonNode next = nextFromInbox();
            if (isResponse.test(next)) {
                return next;
            }
            passedOver.add(next);
        }
    }

    public JsonNode awaitNotification(String method) {
        return await(m -> !m.has("id") && method.equals(m.path("method").asString(null)));
    }

    /** The next received message matching {@code test}; messages before it are dropped. */
    public JsonNode await(Predicate<JsonNode> test) {
        while (!passedOver.isEmpty()) {
            JsonNode kept = passedOver.poll();
            if (test.test(kept)) {
                return kept;
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode next = nextFromInbox(deadline);
            if (test.test(next)) {
                return next;
            }
        }
    }

    private JsonNode nextFromInbox() {
        return nextFromInbox(System.nanoTime() + TIMEOUT.toNanos());
    }

    private JsonNode nextFromInbox(long deadline) {
        try {
            long left = deadline - System.nanoTime();
            JsonNode next = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            assertThat(next).as("a message matching the expectation within " + TIMEOUT).isNotNull();
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code "<code> <message>"} of an error response, for compact assertions. */
    public static String errorOf(JsonNode message) {
        return message.get("error").get("code").asInt() + " " + message.get("error").get("message").asString();
    }

    /** The next received message, whatever it is. */
    public JsonNode next() {
        return await(m -> true);
    }

    /** Messages already received and not consumed. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>(passedOver);
        passedOver.clear();
        inbox.drainTo(out);
        return out;
    }

    public synchronized List<String> rawMessages() {
        return List.copyOf(raw);
    }

    /** One received message with its arrival time ({@link System#nanoTime()}). */
    public record Received(long nanos, JsonNode message) {
    }

    /** Every message received so far, consumed or not, in arrival order with arrival times. */
    public synchronized List<Received> log() {
        return List.copyOf(log);
    }

    /** Completes with the close code when the server closes the socket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public WebSocket socket() {
        return socket;
    }

    /**
     * Stops reading: no more messages are requested from the socket, so the server's writes back up into the
     * TCP buffers and then into its outbound queue (a slow client). The message being delivered is the last.
     */
    public void stopReading() {
        reading = false;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
        http.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long nanos = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                JsonNode message = json.readTree(text);
                synchronized (RpcTestClient.this) {
                    raw.add(text);
                    log.add(new Received(nanos, message));
                }
                inbox.add(message);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
