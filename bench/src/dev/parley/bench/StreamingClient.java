package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated client: a WebSocket that streams 50 audio frames per second and measures the latency of
 * every stamped output frame it receives. Subclasses say how to speak to their peer (Parley's JSON-RPC or
 * the upstream dialect directly).
 */
abstract class StreamingClient implements AutoCloseable {

    final Samples outputLatencies = new Samples();
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong framesReceived = new AtomicLong();
    private final Map<String, CompletableFuture<String>> waiters = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean streaming;
    private Thread sender;
    WebSocket socket;

    void connect(HttpClient http, URI uri) {
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener()).join();
    }

    /** The text that marks a stamped output frame in a received message, e.g. {@code "itemId":"}. */
    abstract String outputMarker();

    /** One audio frame in the peer's dialect. */
    abstract String audioMessage(String base64);

    void startStreaming() {
        streaming = true;
        sender = Thread.ofVirtual().name("bench-sender").start(() -> {
            long seq = 0;
            long next = System.nanoTime();
            while (streaming) {
                next += Frames.FRAME_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long stamp = System.nanoTime();
                String message = audioMessage(Frames.audio(seq++, stamp));
                try {
                    socket.sendText(message, true).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return;
                }
                if (Frames.inWindow(stamp)) {
                    framesSent.incrementAndGet();
                }
            }
        });
    }

    void stopStreaming() throws InterruptedException {
        streaming = false;
        if (sender != null) {
            sender.join(Duration.ofSeconds(5));
        }
    }

    /** Sends a message and waits for the next received message that contains {@code marker}. */
    String sendAndAwait(String message, String marker) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        waiters.put(marker, reply);
        socket.sendText(message, true).join();
        try {
            return reply.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no reply containing " + marker, e);
        }
    }

    /** Waits for a message containing {@code marker} that may already be on its way. */
    CompletableFuture<String> expect(String marker) {
        return waiters.computeIfAbsent(marker, key -> new CompletableFuture<>());
    }

    private void received(String text) {
        long now = System.nanoTime();
        int marker = text.indexOf(outputMarker());
        if (marker >= 0) {
            long sent = Frames.nanosFromItemId(text, marker + outputMarker().length());
            if (sent > 0 && Frames.inWindow(sent)) {
                framesReceived.incrementAndGet();
                outputLatencies.add(now - sent);
            }
            return;
        }
        if (!waiters.isEmpty()) {
            waiters.forEach((key, future) -> {
                if (text.contains(key) && future.complete(text)) {
                    waiters.remove(key, future);
                }
            });
        }
    }

    @Override
    public void close() {
        streaming = false;
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null);
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
