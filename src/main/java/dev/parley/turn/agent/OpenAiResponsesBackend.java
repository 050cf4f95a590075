package dev.parley.turn.agent;

import dev.parley.error.Timeouts;
import dev.parley.protocol.v2.CodexErrorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code openai} backend ({@code 05} §2.1): {@code POST {base}/responses} with {@code stream: true},
 * read as Server-Sent Events with the JDK {@link HttpClient}. Cancellation and the whole-response timeout
 * both abort the exchange and close the body stream, which unblocks the reading thread.
 */
public final class OpenAiResponsesBackend implements AgentBackend, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiResponsesBackend.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<String> baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("agent-deadlines").factory());

    /**
     * @param baseUrl the Responses API base, read per request (the simulator's port is known only once the
     *     server runs)
     * @param apiKey bearer key; blank sends no {@code Authorization} header (the simulator needs none)
     */
    public OpenAiResponsesBackend(Supplier<String> baseUrl, String apiKey, Duration connectTimeout,
            Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public void respond(AgentRequest request, AgentOutput output, CancellationSignal cancellation)
            throws AgentFailure {
        HttpRequest http = httpRequest(request);
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<InputStream>> exchange =
                client.sendAsync(http, HttpResponse.BodyHandlers.ofInputStream());
        Runnable abort = () -> {
            exchange.cancel(true);
            closeQuietly(body.get());
        };
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            abort.run();
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try (CancellationSignal.Registration ignored = cancellation.onCancel(abort)) {
            HttpResponse<InputStream> response = exchange.get();
            body.set(response.body());
            if (cancellation.isCancelled() || timedOut.get()) {
                closeQuietly(response.body());
            }
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw AgentFailure.httpStatus(response.statusCode());
                }
                stream(in, output);
            }
        } catch (AgentFailure failure) {
            throw aborted(timedOut, cancellation).orElse(withoutKey(failure));
        } catch (IOException | ExecutionException | CancellationException failure) {
            AgentFailure reason = aborted(timedOut, cancellation).orElse(null);
            if (reason != null) {
                throw reason;
            }
            throw withoutKey(new AgentFailure("agent request failed: " + describe(failure), CodexErrorInfo.OTHER));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new AgentFailure("agent request interrupted", CodexErrorInfo.OTHER);
        } finally {
            deadline.cancel(false);
        }
    }

    private void stream(InputStream in, AgentOutput output) throws IOException, AgentFailure {
        SseReader events = new SseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        ResponsesStream response = new ResponsesStream(output);
        SseReader.Event event;
        while ((event = events.next()) != null) {
            if (response.accept(event) == ResponsesStream.Step.COMPLETED) {
                log.debug("agent response {} completed", response.responseId());
                return;
            }
        }
        throw new AgentFailure("agent stream ended unexpectedly", CodexErrorInfo.OTHER);
    }

    /**
     * The API's error texts are relayed verbatim to clients and stored with the turn; one that quotes the key
     * it rejected ("Incorrect API key provided: sk-…") must not carry it any further ({@code 08} §3).
     */
    private AgentFailure withoutKey(AgentFailure failure) {
        String message = failure.getMessage();
        if (apiKey.isBlank() || message == null || !message.contains(apiKey)) {
            return failure;
        }
        return new AgentFailure(message.replace(apiKey, "<redacted>"), failure.codexErrorInfo());
    }

    /**
     * After an abort the stream fails in whatever way the abort caused; what matters is why it was aborted.
     * A cancelled request yields an empty failure the caller ignores anyway.
     */
    private Optional<AgentFailure> aborted(AtomicBoolean timedOut, CancellationSignal cancellation) {
        if (timedOut.get()) {
            return Optional.of(new AgentFailure(
                    "agent request " + Timeouts.timedOutAfter(requestTimeout), CodexErrorInfo.OTHER));
        }
        if (cancellation.isCancelled()) {
            return Optional.of(new AgentFailure("agent request cancelled", CodexErrorInfo.OTHER));
        }
        return Optional.empty();
    }

    private HttpRequest httpRequest(AgentRequest request) {
        URI uri = URI.create(stripTrailingSlash(baseUrl.get()) + "/responses");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // no h2c upgrade dance with plain-HTTP peers (the simulator, test fakes, local proxies)
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (!apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        log.debug("agent request to {} with model {} and {} input messages", uri, request.model(),
                request.input().size());
        return builder.build();
    }

    /** The request body, fields in the order of {@code 05} §2.1. */
    static String body(AgentRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        if (request.instructions() == null) {
            body.putNull("instructions");
        } else {
            body.put("instructions", request.instructions());
        }
        body.put("stream", true);
        body.put("store", false);
        ArrayNode input = body.putArray("input");
        for (ContextMessage message : request.input()) {
            boolean user = message.role() == ContextMessage.Role.USER;
            ObjectNode item = input.addObject().put("type", "message").put("role", user ? "user" : "assistant");
            ArrayNode content = item.putArray("content");
            for (String text : message.texts()) {
                content.addObject().put("type", user ? "input_text" : "output_text").put("text", text);
            }
        }
        return JSON.writeValueAsString(body);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.shutdownNow();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            log.debug("closing an aborted agent stream failed", e);
        }
    }
}
