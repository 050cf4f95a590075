package dev.parley.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal Responses API on loopback for the handoff measurement: it notes when each request arrives
 * and streams a short answer as Server-Sent Events.
 */
final class FakeResponsesApi implements AutoCloseable {

    private static final String ANSWER = String.join("\n\n",
            "data: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_bench\"}}",
            "data: {\"type\":\"response.output_item.added\",\"item\":{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\"}}",
            "data: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_bench\",\"delta\":\"done\"}",
            "data: {\"type\":\"response.output_item.done\",\"item\":{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"done\"}]}}",
            "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_bench\"}}", "");

    private final HttpServer server;
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

    FakeResponsesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/responses", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code System.nanoTime()} at which the next request arrived. */
    long nextArrival() throws InterruptedException {
        Long at = arrivals.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        if (at == null) {
            throw new IllegalStateException("no agent request within 30 s");
        }
        return at;
    }

    private void answer(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
