package dev.parley.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.ParleyProcess;
import dev.parley.testsupport.RpcTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SIGTERM to the real jar (issue 9): a client with a running realtime conversation (against the fake upstream,
 * so its Close frame can be seen) and a client with a running agent turn (against a fake Responses API that
 * holds the stream open). Both get their last notifications, then a Close frame 1001; the upstream gets a
 * clean Close; the process exits by itself within {@code spring.lifecycle.timeout-per-shutdown-phase}; and the
 * interrupted turn, with the partial answer, is what the store holds after a restart.
 */
class GracefulShutdownIT {

    private static final String SESSION_UPDATED = "{\"type\":\"session.updated\",\"session\":{\"id\":\"sess_1\"}}";
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path store;

    @Test
    void sigtermEndsConversationsAndTurnsCleanlyAndExits() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.script().batch(SESSION_UPDATED));
                FakeResponses responses = FakeResponses.start()) {
            responses.script(FakeResponses.builder().created().messageStart().delta("Thinking ").gate().build());
            List<String> args = new ArrayList<>(ParleyProcess.sqliteStore(store.resolve("parley.db")));
            args.addAll(List.of("--parley.realtime.base-url=" + upstream.baseUrl(), "--parley.realtime.api-key=dummy",
                    "--parley.simulator.enabled=false", "--parley.agent.provider=openai",
                    "--parley.agent.api-key=test-key", "--parley.agent.base-url=" + responses.baseUrl(),
                    "--spring.lifecycle.timeout-per-shutdown-phase=" + PHASE_TIMEOUT.toSeconds() + "s"));
            String typedThread;
            try (ParleyProcess parley = ParleyProcess.start("graceful-shutdown", args).awaitReady();
                    RpcTestClient voice = RpcTestClient.initialized(parley.port());
                    RpcTestClient typed = RpcTestClient.initialized(parley.port())) {
                String voiceThread = voice.request("thread/start", "{}").at("/result/thread/id").asString();
                voice.request("thread/realtime/start", "{\"threadId\":\"" + voiceThread
                        + "\",\"outputModality\":\"audio\"}");
                voice.awaitNotification("thread/realtime/started");
                typedThread = typed.request("thread/start", "{}").at("/result/thread/id").asString();
                typed.request("turn/start", "{\"threadId\":\"" + typedThread
                        + "\",\"input\":[{\"type\":\"text\",\"text\":\"plan my week\"}]}");
                typed.awaitNotification("item/agentMessage/delta");

                long began = System.nanoTime();
                // every phase may take its whole timeout in the worst case; here nothing is stuck
                int exit = parley.terminate(PHASE_TIMEOUT.multipliedBy(3));
                long tookMs = (System.nanoTime() - began) / 1_000_000;
                System.out.println("SIGTERM: exit " + exit + " after " + tookMs + " ms");

                assertThat(exit).as("the exit code of a JVM ended by SIGTERM").isEqualTo(143);
                JsonNode closed = voice.awaitNotification("thread/realtime/closed");
                assertThat(closed.at("/params/reason").asString()).isEqualTo("shutdown");
                assertThat(voice.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
                JsonNode completed = typed.awaitNotification("turn/completed");
                assertThat(completed.at("/params/turn/status").asString()).isEqualTo("interrupted");
                assertThat(completed.at("/params/turn/error/message").asString()).isEqualTo("server is shutting down");
                assertThat(typed.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
                upstream.connection(0).awaitClose(Duration.ofSeconds(10));
                assertThat(upstream.connection(0).closeCodes()).containsExactly(1000);

                String log = parley.logText();
                assertThat(log).contains("shutdown: ending 1 realtime conversation(s)",
                        "shutdown: closing 2 client connection(s)", "shutdown: store flush done");
                assertThat(log).doesNotContain(" ERROR ");
            }

            // the interrupted turn was recorded before the store closed: a restart reads the shutdown error, not
            // the "server restarted" of a turn the store still held as running
            try (ParleyProcess parley = ParleyProcess.start("graceful-shutdown-restart", args).awaitReady();
                    RpcTestClient client = RpcTestClient.initialized(parley.port())) {
                JsonNode thread = client.request("thread/read", "{\"threadId\":\"" + typedThread
                        + "\",\"includeTurns\":true}").at("/result/thread");
                assertThat(thread.at("/status/type").asString()).isEqualTo("idle");
                assertThat(thread.at("/turns/0/status").asString()).isEqualTo("interrupted");
                assertThat(thread.at("/turns/0/error/message").asString()).isEqualTo("server is shutting down");
                assertThat(thread.at("/turns/0/items/1/text").asString()).isEqualTo("Thinking ");
                parley.terminate(PHASE_TIMEOUT.multipliedBy(3));
            }
        }
    }
}
