package dev.parley.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyApplication;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.rpc.ConnectionRegistry;
import dev.parley.realtime.conversation.RealtimeConversationManager;
import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import dev.parley.thread.ShutdownPhases;
import dev.parley.thread.StoreFlush;
import dev.parley.thread.ThreadService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Graceful shutdown in process (issue 9): a real client WebSocket with a running realtime conversation against
 * the fake upstream and a running agent turn against the fake Responses API; the application context is closed
 * the way SIGTERM closes it. The client gets {@code closed{shutdown}} and the interrupted {@code turn/completed}
 * before a Close frame (1001), the upstream gets its Close frame, and a probe placed between the phases sees
 * the order: readiness out of service and new connections refused before anything ends; the turn recorded
 * interrupted and every client closed before the store is flushed.
 */
class GracefulShutdownTest {

    private static final String SESSION_UPDATED = "{\"type\":\"session.updated\",\"session\":{\"id\":\"sess_1\"}}";

    @Test
    void contextCloseEndsConversationsAndTurnsAndDeliversTheirLastNotifications() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.script().batch(SESSION_UPDATED));
                FakeResponses responses = FakeResponses.start()) {
            // the agent answers the first words, then holds the stream open: the turn is running at shutdown
            responses.script(FakeResponses.builder().created().messageStart().delta("Thinking ").gate().build());
            Probe probe = new Probe();
            LateClient late = new LateClient();
            // closed by the test below; also here, so a failed await never leaves a server running
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("shutdownProbe", probe);
                        ctx.getBeanFactory().registerSingleton("lateClient", late);
                    })
                    .run("--server.port=0", "--parley.realtime.base-url=" + upstream.baseUrl(),
                            "--parley.realtime.api-key=dummy", "--parley.simulator.enabled=false",
                            "--parley.realtime.startup-context=", "--parley.agent.provider=openai",
                            "--parley.agent.api-key=test-key", "--parley.agent.base-url=" + responses.baseUrl(),
                            "--spring.lifecycle.timeout-per-shutdown-phase=10s")) {
                int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
                probe.attach(context, port);

                try (RpcTestClient voice = RpcTestClient.initialized(port);
                        RpcTestClient typed = RpcTestClient.initialized(port);
                        RpcTestClient lateClient = RpcTestClient.initialized(port)) {
                    late.client = lateClient;
                    late.threadId = threadOf(lateClient.request("thread/start", "{}"));
                    String voiceThread = threadOf(voice.request("thread/start", "{\"name\":\"voice\"}"));
                    voice.request("thread/realtime/start", "{\"threadId\":\"" + voiceThread
                            + "\",\"outputModality\":\"audio\",\"prompt\":\"backend prompt\"}");
                    voice.awaitNotification("thread/realtime/started");

                    String typedThread = threadOf(typed.request("thread/start", "{\"name\":\"typed\"}"));
                    probe.threadId = typedThread;
                    typed.request("turn/start", "{\"threadId\":\"" + typedThread
                            + "\",\"input\":[{\"type\":\"text\",\"text\":\"plan my week\"}]}");
                    typed.awaitNotification("item/agentMessage/delta");

                    context.close();

                    JsonNode closed = voice.awaitNotification("thread/realtime/closed");
                    assertThat(closed.at("/params/threadId").asString()).isEqualTo(voiceThread);
                    assertThat(closed.at("/params/reason").asString()).isEqualTo("shutdown");
                    assertThat(voice.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1001);

                    JsonNode completed = typed.awaitNotification("turn/completed");
                    JsonNode turn = completed.at("/params/turn");
                    assertThat(turn.get("status").asString()).isEqualTo("interrupted");
                    assertThat(turn.at("/error/message").asString()).isEqualTo("server is shutting down");
                    assertThat(typed.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
                    assertThat(typed.rawMessages()).anyMatch(m -> m.contains("\"method\":\"thread/status/changed\"")
                            && m.contains("\"idle\""));
                }
                upstream.connection(0).awaitClose(Duration.ofSeconds(10));
                assertThat(upstream.connection(0).closeCodes()).containsExactly(1000);

                assertThat(late.answers).containsExactly("turn/start: -32001 server is shutting down",
                        "thread/realtime/start: {}", "thread/realtime/error: server is shutting down");
                assertThat(probe.events).containsExactly(
                        "before conversations: readiness OUT_OF_SERVICE, new connection refused",
                        "flush: 0 conversations, 0 connections, turn interrupted: server is shutting down");
            }
        }
    }

    private static String threadOf(JsonNode response) {
        return response.at("/result/thread/id").asString();
    }

    /**
     * A client that asks for new work after conversations and turns have ended, before the connections close:
     * runs on the closing thread (the test thread is blocked in {@code close()}), so it alone reads its client.
     */
    static final class LateClient implements SmartLifecycle {
        final List<String> answers = new ArrayList<>();
        volatile RpcTestClient client;
        volatile String threadId;
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            JsonNode turn = client.request("turn/start", "{\"threadId\":\"" + threadId
                    + "\",\"input\":[{\"type\":\"text\",\"text\":\"one more thing\"}]}");
            answers.add("turn/start: " + RpcTestClient.errorOf(turn));
            JsonNode start = client.request("thread/realtime/start", "{\"threadId\":\"" + threadId
                    + "\",\"outputModality\":\"audio\"}");
            answers.add("thread/realtime/start: " + start.get("result"));
            answers.add("thread/realtime/error: "
                    + client.awaitNotification("thread/realtime/error").at("/params/message").asString());
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return ShutdownPhases.TURNS - 1;
        }
    }

    /** Sits in two places of the shutdown: just before the conversations end, and as the store's flush. */
    static final class Probe implements SmartLifecycle, StoreFlush {
        final List<String> events = new ArrayList<>();
        volatile String threadId;
        private volatile ConfigurableApplicationContext context;
        private volatile int port;
        private volatile boolean running;

        void attach(ConfigurableApplicationContext context, int port) {
            this.context = context;
            this.port = port;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            String readiness = context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus().getCode();
            String connect;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                connect = "new connection accepted";
            } catch (ConnectException e) {
                connect = "new connection refused";
            } catch (IOException e) {
                connect = "new connection failed: " + e;
            }
            events.add("before conversations: readiness " + readiness + ", " + connect);
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return ShutdownPhases.CONVERSATIONS + 1;
        }

        @Override
        public void flush(Duration timeout) {
            var turn = context.getBean(ThreadService.class).require(threadId).turns().getLast();
            events.add("flush: " + context.getBean(RealtimeConversationManager.class).activeConversations()
                    + " conversations, " + context.getBean(ConnectionRegistry.class).size() + " connections, turn "
                    + (turn.status() == TurnStatus.INTERRUPTED ? "interrupted: " + turn.error().message()
                            : turn.status()));
        }
    }
}
