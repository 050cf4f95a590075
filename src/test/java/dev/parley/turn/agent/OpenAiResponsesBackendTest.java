package dev.parley.turn.agent;

import static dev.parley.testsupport.FakeResponses.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.testsupport.FakeResponses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code openai} backend over a real socket against the scripted Responses API. */
class OpenAiResponsesBackendTest {

    private static final AgentRequest REQUEST = new AgentRequest("gpt-test", null,
            List.of(ContextMessage.user(List.of("hello"))));

    private final FakeResponses responses = FakeResponses.start();
    private OpenAiResponsesBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        responses.close();
    }

    private OpenAiResponsesBackend backend(String key, Duration requestTimeout) {
        backend = new OpenAiResponsesBackend(responses::baseUrl, key, Duration.ofSeconds(5), requestTimeout);
        return backend;
    }

    @Test
    void aCompletedResponseStreamsItsMessageAndTheBearerKeyIsSent() throws AgentFailure {
        responses.script(FakeResponses.msg("Hi there"));
        RecordingOutput output = new RecordingOutput();

        backend("sk-test", Duration.ofSeconds(10)).respond(REQUEST, output, new CancellationSignal());

        assertThat(output.calls).containsExactly("started", "delta:Hi t", "delta:here", "done:Hi there");
        FakeResponses.Request request = responses.awaitRequests(1).getFirst();
        assertThat(request.authorization()).isEqualTo("Bearer sk-test");
        assertThat(request.accept()).isEqualTo("text/event-stream");
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSent() throws AgentFailure {
        responses.script(FakeResponses.empty());
        backend("", Duration.ofSeconds(10)).respond(REQUEST, new RecordingOutput(), new CancellationSignal());
        assertThat(responses.awaitRequests(1).getFirst().authorization()).isNull();
    }

    @Test
    void theWholeResponseTimeoutFailsAStalledStream() {
        responses.script(builder().created().messageStart().delta("slow").gate().completed().build());
        RecordingOutput output = new RecordingOutput();

        assertThatThrownBy(() -> backend("k", Duration.ofMillis(300)).respond(REQUEST, output, new CancellationSignal()))
                .isInstanceOfSatisfying(AgentFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("agent request timed out after 300ms");
                    assertThat(failure.codexErrorInfo()).isEqualTo(CodexErrorInfo.OTHER);
                });
        assertThat(output.calls).containsExactly("started", "delta:slow");
    }

    @Test
    void cancellationClosesTheStreamAndReturnsWithoutWaitingForTheModel() throws Exception {
        responses.script(builder().created().messageStart().delta("partial").gate().completed().build());
        CountDownLatch streaming = new CountDownLatch(1);
        RecordingOutput recorded = new RecordingOutput();
        AgentOutput output = new AgentOutput() {
            @Override
            public void messageStarted() {
                recorded.messageStarted();
            }

            @Override
            public void textDelta(String delta) {
                recorded.textDelta(delta);
                streaming.countDown();
            }

            @Override
            public void messageCompleted(String text) {
                recorded.messageCompleted(text);
            }
        };
        CancellationSignal cancellation = new CancellationSignal();
        OpenAiResponsesBackend subject = backend("k", Duration.ofSeconds(60));
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                subject.respond(REQUEST, output, cancellation);
            } catch (AgentFailure failure) {
                // after a cancel the caller ignores the outcome
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();

        cancellation.cancel();

        // completes while the fake still holds its gate closed: the stream was closed, not drained
        call.get(10, TimeUnit.SECONDS);
        assertThat(recorded.calls).containsExactly("started", "delta:partial");
        responses.release();
        responses.awaitFinished(1);
    }

    @Test
    void anHttpErrorIsClassified() {
        responses.script(FakeResponses.status(429));
        assertThatThrownBy(() -> backend("k", Duration.ofSeconds(10)).respond(REQUEST, new RecordingOutput(),
                new CancellationSignal())).isInstanceOfSatisfying(AgentFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("agent request failed with HTTP 429");
                    assertThat(failure.codexErrorInfo()).isEqualTo(CodexErrorInfo.USAGE_LIMIT_EXCEEDED);
                });
    }

    @Test
    void anUnreachableServerFailsTheRequest() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        backend = new OpenAiResponsesBackend(() -> "http://127.0.0.1:" + closedPort + "/v1", "k",
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThatThrownBy(() -> backend.respond(REQUEST, new RecordingOutput(), new CancellationSignal()))
                .isInstanceOfSatisfying(AgentFailure.class, failure -> {
                    assertThat(failure.getMessage()).startsWith("agent request failed: ");
                    assertThat(failure.codexErrorInfo()).isEqualTo(CodexErrorInfo.OTHER);
                });
    }

    @Test
    void theBodyFollowsTheSpecFieldOrderWithInstructionsAndHistory() {
        AgentRequest request = new AgentRequest("gpt-5.1", "Be brief.", List.of(
                ContextMessage.user(List.of("first", "second part")), ContextMessage.assistant("answer"),
                ContextMessage.user(List.of("this turn"))));
        assertThat(OpenAiResponsesBackend.body(request)).isEqualTo("{\"model\":\"gpt-5.1\",\"instructions\":"
                + "\"Be brief.\",\"stream\":true,\"store\":false,\"input\":["
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"first\"},"
                + "{\"type\":\"input_text\",\"text\":\"second part\"}]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"answer\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"this turn\"}]}]}");
    }
}
