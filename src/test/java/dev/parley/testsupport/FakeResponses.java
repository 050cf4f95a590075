package dev.parley.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted Responses API for tests ({@code 07-conformance.md} §1.2): an in-JVM HTTP server on a random
 * loopback port answering {@code POST /v1/responses} request <i>n</i> with script <i>n</i>, streamed as
 * Server-Sent Events like the real API. A script may contain gates: the events after a gate are held until
 * the test calls {@link #release()}. Every request is recorded.
 */
public final class FakeResponses implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One recorded request. */
    public record Request(String path, @Nullable String authorization, @Nullable String accept,
            @Nullable String contentType, JsonNode body) {
    }

    /** What to answer one request with: an HTTP status, then (for 200) a list of steps. */
    public record Script(int status, List<Step> steps) {
        public Script {
            steps = List.copyOf(steps);
        }
    }

    /** A step of a script. */
    public sealed interface Step {
        /** Sends one SSE event whose {@code data} is {@code json} (its {@code type} names the event). */
        record Send(String json) implements Step {
        }

        /** Holds the rest of the script until {@link #release()}. */
        record Gate() implements Step {
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    // replaced by every script(): handlers left over from an earlier test hold the old one and are let go
    private volatile Semaphore gates = new Semaphore(0);
    private final AtomicInteger finished = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private FakeResponses() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/responses", this::handle);
        server.start();
    }

    public static FakeResponses start() {
        try {
            return new FakeResponses();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/v1}: the agent base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Forgets earlier scripts, requests and gate permits; the next request gets the first of {@code next}. */
    public void script(Script... next) {
        lock.lock();
        try {
            scripts.clear();
            scripts.addAll(List.of(next));
            requests.clear();
            this.next.set(0);
            finished.set(0);
            gates.release(1000);
            gates = new Semaphore(0);
        } finally {
            lock.unlock();
        }
    }

    /** Opens one gate (the next one reached, or the one a response is waiting at). */
    public void release() {
        gates.release();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until {@code n} requests have arrived and returns them. */
    public List<Request> awaitRequests(int n) {
        awaitCount(requests::size, n, "requests");
        return requests();
    }

    /** Waits until {@code n} responses have been written to the end (or failed to write). */
    public void awaitFinished(int n) {
        awaitCount(finished::get, n, "finished responses");
    }

    /** The text of every user-role input message of a request, in order (history included). */
    public static List<String> userTexts(Request request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : request.body().path("input")) {
            if ("user".equals(item.path("role").asString(""))) {
                StringBuilder text = new StringBuilder();
                item.path("content").forEach(part -> text.append(part.path("text").asString("")));
                texts.add(text.toString());
            }
        }
        return texts;
    }

    // ---- scripts

    /** {@code response.created}, one completed assistant message {@code text}, {@code response.completed}. */
    public static Script msg(String text) {
        return builder().created().message(text).completed().build();
    }

    /** Several assistant messages in one response. */
    public static Script msgs(String... texts) {
        ScriptBuilder builder = builder().created();
        for (String text : texts) {
            builder.message(text);
        }
        return builder.completed().build();
    }

    /** {@code response.created} and {@code response.completed} with no message. */
    public static Script empty() {
        return builder().created().completed().build();
    }

    /** An HTTP error status with a JSON error body, like the real API. */
    public static Script status(int status) {
        return new Script(status, List.of());
    }

    public static ScriptBuilder builder() {
        return new ScriptBuilder();
    }

    /** Builds a script event by event. */
    public static final class ScriptBuilder {
        private final List<Step> steps = new ArrayList<>();
        private int messages;

        public ScriptBuilder created() {
            return event("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_fake\",\"status\":\"in_progress\"}}");
        }

        /** A whole message: item added, the text in two deltas, text done, item done. */
        public ScriptBuilder message(String text) {
            int split = text.length() / 2;
            return messageStart().delta(text.substring(0, split)).delta(text.substring(split)).messageDone(text);
        }

        public ScriptBuilder messageStart() {
            messages++;
            ObjectNode item = JSON.createObjectNode().put("id", itemId()).put("type", "message")
                    .put("role", "assistant").put("status", "in_progress");
            item.putArray("content");
            return event(JSON.createObjectNode().put("type", "response.output_item.added").put("output_index", 0)
                    .set("item", item).toString());
        }

        public ScriptBuilder delta(String delta) {
            if (delta.isEmpty()) {
                return this;
            }
            return event(JSON.createObjectNode().put("type", "response.output_text.delta").put("item_id", itemId())
                    .put("output_index", 0).put("content_index", 0).put("delta", delta).toString());
        }

        public ScriptBuilder messageDone(String text) {
            event(JSON.createObjectNode().put("type", "response.output_text.done").put("item_id", itemId())
                    .put("output_index", 0).put("content_index", 0).put("text", text).toString());
            ObjectNode item = JSON.createObjectNode().put("id", itemId()).put("type", "message")
                    .put("role", "assistant").put("status", "completed");
            item.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
            return event(JSON.createObjectNode().put("type", "response.output_item.done").put("output_index", 0)
                    .set("item", item).toString());
        }

        public ScriptBuilder completed() {
            return event("{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_fake\",\"status\":\"completed\","
                    + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1,\"total_tokens\":2}}}");
        }

        public ScriptBuilder gate() {
            steps.add(new Step.Gate());
            return this;
        }

        /** Any raw event, e.g. an {@code error} or an unknown type. */
        public ScriptBuilder event(String json) {
            steps.add(new Step.Send(json));
            return this;
        }

        public Script build() {
            return new Script(200, steps);
        }

        private String itemId() {
            return "msg_fake_" + messages;
        }
    }

    // ---- server

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Script script;
            Semaphore gate = gates;
            lock.lock();
            try {
                int index = next.getAndIncrement();
                script = index < scripts.size() ? scripts.get(index) : status(500);
                requests.add(new Request(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Accept"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (script.status() != 200) {
                byte[] error = ("{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(script.status(), error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (Step step : script.steps()) {
                switch (step) {
                    case Step.Send send -> {
                        String type = JSON.readTree(send.json()).path("type").asString("");
                        out.write(("event: " + type + "\ndata: " + send.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    case Step.Gate held -> {
                        if (!gate.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away (an interrupt or a timeout closed the stream)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                finished.incrementAndGet();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void awaitCount(java.util.function.IntSupplier count, int n, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        lock.lock();
        try {
            while (count.getAsInt() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " " + what + " within " + TIMEOUT + ", got "
                            + count.getAsInt());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        gates.release(1000);
        server.stop(0);
        executor.shutdownNow();
    }
}
