package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.ACK_EMPTY;
import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.CREATE;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.assertFrame;
import static dev.parley.realtime.conversation.RealtimeFixtures.output;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The last row of the fault table ({@code 08-quality-bars.md} §2): the agent backend (a scripted Responses
 * API) fails or times out while it runs a voice handoff. The delegated turn fails with a message; the realtime
 * conversation keeps running and the voice model's tool call is still answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.agent.provider=openai", "parley.agent.api-key=dummy", "parley.agent.request-timeout=500ms",
        "parley.realtime.api-key=dummy", "parley.realtime.startup-context=", "parley.simulator.enabled=false"})
class AgentBackendFaultTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();
    static final FakeResponses RESPONSES = FakeResponses.start();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("parley.realtime.base-url", UPSTREAM::baseUrl);
        registry.add("parley.agent.base-url", RESPONSES::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    RealtimeConversationManager manager;

    @AfterAll
    static void stop() throws IOException {
        UPSTREAM.close();
        RESPONSES.close();
    }


    @Test
    void agentBackendErrors() throws Exception {
        RESPONSES.script(FakeResponses.status(500));
        handoffWhoseTurnFails("agent request failed with HTTP 500");
    }

    @Test
    void agentBackendTimesOut() throws Exception {
        // the stream opens, then nothing: the whole-response timeout ends it
        RESPONSES.script(FakeResponses.builder().created().gate().completed().build());
        handoffWhoseTurnFails("agent request timed out after 500ms");
    }

    @Test
    void agentBackendStreamsAnError() throws Exception {
        RESPONSES.script(FakeResponses.builder().created()
                .event("{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"The model crashed.\"}").build());
        handoffWhoseTurnFails("The model crashed.");
    }

    private void handoffWhoseTurnFails(String message) throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s"), v2Call("call_1", "item_1", "check the build"))
                .batch().batch().batch(v2Audio("item_after", 480)));
        try (RealtimeClient c = new RealtimeClient(port, false)) {
            c.start("");
            c.awaitNotification("thread/realtime/started");
            List<JsonNode> seen = new ArrayList<>();
            JsonNode completed = c.rpc.await(m -> {
                seen.add(m);
                return "turn/completed".equals(m.path("method").asString(""));
            });
            JsonNode turn = completed.at("/params/turn");
            assertThat(turn.get("status").asString()).isEqualTo("failed");
            assertThat(turn.at("/error/message").asString()).isEqualTo(message);
            assertThat(seen).filteredOn(m -> "error".equals(m.path("method").asString("")))
                    .singleElement().satisfies(error -> {
                        assertThat(error.at("/params/error/message").asString()).isEqualTo(message);
                        assertThat(error.at("/params/turnId").asString()).isEqualTo(turn.get("id").asString());
                    });
            assertThat(seen).noneMatch(m -> m.path("method").asString("").matches("thread/realtime/(error|closed)"));

            // the tool call is answered without a message, then the conversation simply goes on
            FakeUpstream.Recording connection = UPSTREAM.connection(0);
            List<String> frames = connection.awaitFrames(3, AWAIT);
            assertFrame(frames.get(1), output("call_1", ACK_EMPTY));
            assertFrame(frames.get(2), CREATE);
            c.audio();
            assertFrame(connection.awaitFrames(4, AWAIT).get(3), UP_AUDIO);
            assertThat(c.awaitNotification("thread/realtime/outputAudio/delta").at("/params/audio/itemId").asString())
                    .isEqualTo("item_after");
            assertThat(c.quiet(100)).noneMatch(m -> m.path("method").asString("").matches("thread/realtime/(error|closed)"));
            assertThat(manager.activeConversations()).isEqualTo(1);
            c.stop();
            c.awaitClosed("requested");
        }
    }
}
