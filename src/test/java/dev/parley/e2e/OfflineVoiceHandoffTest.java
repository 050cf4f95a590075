package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The offline default end to end (issue 5): no API key, so the realtime upstream is the embedded simulator
 * over a real local WebSocket and turns use the builtin agent. A user text that asks for the agent makes the
 * simulated voice model hand off; Parley runs a delegated turn visible to the client, feeds the answer back,
 * and the simulator speaks it (transcript and audio). With {@code v2} this is also case D-23 of
 * {@code 07-conformance.md} (offline default: no key, the embedded simulator at the actual port).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.api-key=", "parley.agent.api-key=", "OPENAI_API_KEY=", "parley.realtime.v1-handoff-grace=200ms"})
class OfflineVoiceHandoffTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v1"})
    void aHandoffRunsABuiltinTurnAndTheVoiceModelSpeaksItsAnswer(String version) {
        try (RpcTestClient client = RpcTestClient.initialized(port)) {
            String threadId = client.request("thread/start", "{}").get("result").get("thread").get("id").asString();
            client.request("thread/realtime/start", "{\"threadId\":\"" + threadId + "\",\"outputModality\":\"audio\","
                    + "\"version\":\"" + version + "\"}");
            JsonNode started = client.awaitNotification("thread/realtime/started");
            assertThat(started.at("/params/version").asString()).isEqualTo(version);
            client.request("thread/realtime/appendText", "{\"threadId\":\"" + threadId
                    + "\",\"text\":\"agent: book a table for two\",\"createResponse\":true}");

            List<String> transcript = new ArrayList<>();
            JsonNode[] completedTurn = new JsonNode[1];
            // the handoff item is published after routing, so the fast builtin turn may complete before it
            client.await(m -> {
                record(m, transcript);
                if ("turn/completed".equals(m.path("method").asString(""))) {
                    completedTurn[0] = m;
                }
                return completedTurn[0] != null && transcript.stream().anyMatch(l -> l.startsWith("itemAdded handoff_request"));
            });
            JsonNode completed = completedTurn[0];
            JsonNode turn = completed.get("params").get("turn");
            assertThat(turn.get("status").asString()).isEqualTo("completed");
            String answer = turn.get("items").get(0).get("text").asString();
            assertThat(answer).startsWith("Working on it: book a table for two");
            assertThat(transcript).anyMatch(line -> line.startsWith("itemAdded handoff_request"));
            assertThat(transcript).anyMatch(line -> line.startsWith("item/completed userMessage <realtime_delegation>"));

            JsonNode spoken = client.await(m -> {
                record(m, transcript);
                return "thread/realtime/transcript/done".equals(m.path("method").asString(""))
                        && "assistant".equals(m.at("/params/role").asString(""))
                        && m.at("/params/text").asString("").contains("Working on it");
            });
            assertThat(spoken.at("/params/text").asString()).contains("book a table for two");
            assertThat(transcript).as("the spoken answer came with audio").contains("outputAudio");
            client.request("thread/realtime/stop", "{\"threadId\":\"" + threadId + "\"}");
            client.await(m -> "thread/realtime/closed".equals(m.path("method").asString("")));
            System.out.println("offline " + version + " session:\n  " + String.join("\n  ", transcript));
        }
    }

    private static void record(JsonNode message, List<String> transcript) {
        String method = message.path("method").asString("");
        JsonNode params = message.path("params");
        switch (method) {
            case "thread/realtime/transcript/done" -> transcript.add("transcript/done " + params.get("role").asString()
                    + ": " + params.get("text").asString());
            case "thread/realtime/itemAdded" -> transcript.add("itemAdded " + params.at("/item/type").asString("item"));
            case "turn/started", "turn/completed" -> transcript.add(method + " " + params.at("/turn/status").asString());
            case "item/completed" -> transcript.add("item/completed " + params.at("/item/type").asString() + " "
                    + (params.at("/item/type").asString().equals("agentMessage") ? params.at("/item/text").asString()
                            : params.at("/item/content/0/text").asString().replace("\n", "\\n")));
            case "thread/realtime/outputAudio/delta" -> {
                if (!transcript.contains("outputAudio")) {
                    transcript.add("outputAudio");
                }
            }
            default -> { }
        }
    }
}
