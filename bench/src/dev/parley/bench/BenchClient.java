package dev.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated client of a target: sets its conversation up (blocking, before the phase), then streams one
 * input frame per tick from the {@link Pacer} and records the latency of every output frame it receives
 * (on the {@link Loop} thread).
 */
final class BenchClient extends Pacer.Stream implements WsConn.Handler {

    private static final byte[] ERROR = "\"error\":{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_NOTIFICATION = "realtime/error".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern THREAD_ID = Pattern.compile("\"thread\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([^\"]+)\"");

    private static final Pattern ANY_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private record Waiter(Predicate<String> match, CompletableFuture<String> reply) {
    }

    private final Dialect dialect;
    private final byte[] marker;
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final boolean codex;
    private WsConn conn;
    private FrameTemplate template;
    private long requestId = 1_000;
    String threadId;
    /** Error responses and error notifications received (the loop thread writes, read after the phase). */
    final AtomicLong errors = new AtomicLong();
    volatile String lastError;

    BenchClient(Dialect dialect, boolean codex) {
        this.dialect = dialect;
        this.marker = dialect.outputMarker();
        this.codex = codex;
    }

    /** Connects and starts the conversation; throws if that does not complete within {@code timeoutMillis}. */
    void setUp(Loop loop, int port, String path, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        conn = WsConn.connect(loop, port, path, this).get(remaining(deadline), TimeUnit.MILLISECONDS);
        if (!dialect.rpc()) {
            request("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}", s -> s.contains("session.updated"), deadline);
        } else {
            request("{\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"parley-bench\",\"title\":null,"
                    + "\"version\":\"1\"},\"capabilities\":{\"experimentalApi\":true}}}", response(1), deadline);
            if (codex) {
                conn.sendText("{\"method\":\"initialized\"}");
            }
            String started = request("{\"id\":2,\"method\":\"thread/start\",\"params\":{" + (codex ? "\"ephemeral\":true" : "") + "}}",
                    response(2), deadline);
            Matcher id = THREAD_ID.matcher(started);
            Matcher anyId = ANY_ID.matcher(started);
            if (id.find()) {
                threadId = id.group(1);
            } else if (!started.contains("\"error\"") && anyId.find()) {
                threadId = anyId.group(1);
            } else {
                throw new IllegalStateException("thread/start: " + abbreviate(started));
            }
            String live = request("{\"id\":3,\"method\":\"thread/realtime/start\",\"params\":{\"threadId\":\"" + threadId
                    + "\",\"outputModality\":\"audio\",\"prompt\":null}}",
                    s -> s.contains("thread/realtime/started") || s.contains("thread/realtime/error")
                            || (response(3).test(s) && s.contains("\"error\"")), deadline);
            if (!live.contains("thread/realtime/started")) {
                throw new IllegalStateException("thread/realtime/start: " + abbreviate(live));
            }
        }
        template = new FrameTemplate(dialect.audioTemplate(threadId), conn.mask());
    }

    /** Asks an RPC target to stop the conversation; completes when it reports it closed (never fails). */
    CompletableFuture<String> stopConversation() {
        stop();
        if (conn == null || !dialect.rpc() || threadId == null || !conn.isOpen()) {
            return CompletableFuture.completedFuture("");
        }
        CompletableFuture<String> closed = expect(s -> s.contains("thread/realtime/closed"));
        conn.sendText("{\"id\":4,\"method\":\"thread/realtime/stop\",\"params\":{\"threadId\":\"" + threadId + "\"}}");
        return closed.exceptionally(e -> "");
    }

    void close() {
        stop();
        if (conn != null) {
            conn.close();
        }
    }

    long backlogDropped() {
        return conn == null ? 0 : conn.backlogDropped;
    }

    @Override
    void tick(long seq, long scheduledNanos) {
        WsConn c = conn;
        if (c == null || template == null) {
            return;
        }
        byte[] frame = template.fill(seq, scheduledNanos, requestId++);
        c.send(frame, 0, frame.length);
    }

    @Override
    public void onText(WsConn c, byte[] buf, int off, int len, long arrivedNanos) {
        int end = off + len;
        int at = WsCodec.indexOf(buf, off, end, marker);
        if (at >= 0) {
            long scheduled = Frames.nanosAt(buf, at + marker.length, end);
            if (scheduled > 0) {
                Measurement m = Measurement.current;
                if (m != null) {
                    m.arrived(m.output, scheduled, arrivedNanos);
                }
                return;
            }
        }
        int head = Math.min(end, off + 400);
        boolean error = dialect.rpc() && (WsCodec.indexOf(buf, off, head, ERROR) >= 0
                || WsCodec.indexOf(buf, off, head, ERROR_NOTIFICATION) >= 0);
        if (!error && waiters.isEmpty()) {
            return;
        }
        String text = new String(buf, off, len, StandardCharsets.UTF_8);
        if (error) {
            errors.incrementAndGet();
            lastError = abbreviate(text);
        }
        for (Waiter waiter : waiters) {
            if (waiter.match.test(text) && waiter.reply.complete(text)) {
                waiters.remove(waiter);
            }
        }
    }

    @Override
    public void onClose(WsConn c) {
        waiters.forEach(w -> w.reply.completeExceptionally(new IllegalStateException("connection closed")));
    }

    /** A future for the next received message that matches (register before causing it). */
    CompletableFuture<String> expect(Predicate<String> match) {
        Waiter waiter = new Waiter(match, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.reply;
    }

    private String request(String json, Predicate<String> match, long deadline) throws Exception {
        Waiter waiter = new Waiter(match, new CompletableFuture<>());
        waiters.add(waiter);
        if (!conn.sendText(json)) {
            throw new IllegalStateException("connection closed");
        }
        try {
            return waiter.reply.get(remaining(deadline), TimeUnit.MILLISECONDS);
        } finally {
            waiters.remove(waiter);
        }
    }

    /** Matches the response to request {@code id}. */
    private static Predicate<String> response(int id) {
        Pattern pattern = Pattern.compile("\"id\"\\s*:\\s*" + id + "\\s*[,}]");
        return s -> !s.contains("\"method\"") && pattern.matcher(s).find();
    }

    private static long remaining(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
