package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server on a SQLite file, stopped and started again: {@code thread/realtime/list} and its REST twin
 * answer exactly as before ({@code 09} §5), and a conversation that was still running when the server stopped
 * is completed at the next start: its open segment becomes a frame, then {@code realtimeSessionClosed {failed}}.
 */
class RealtimeTimelineRestartTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String su() {
        return "{\"type\":\"session.updated\",\"session\":{\"id\":\"s\",\"instructions\":\"backend prompt\"}}";
    }

    private static String inDone(String text) {
        return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"transcript\":\"" + text + "\"}";
    }

    private static String call(String callId, String prompt) {
        return "{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_" + callId + "\",\"type\":\"function_call\","
                + "\"name\":\"background_agent\",\"call_id\":\"" + callId + "\",\"arguments\":\"{\\\"prompt\\\":\\\""
                + prompt + "\\\"}\"}}";
    }

    private static JsonNode notification(RpcTestClient client, String method) {
        return client.await(m -> !m.has("id") && method.equals(m.path("method").asString("")));
    }

    /** Every list answer, keyed by what was asked. */
    private Map<String, JsonNode> answers(int port, String threadId) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        try (RpcTestClient client = RpcTestClient.initialized(port)) {
            String base = "{\"threadId\":\"" + threadId + "\"";
            answers.put("default", client.request("thread/realtime/list", base + "}").get("result"));
            answers.put("position", client.request("thread/realtime/list", base + ",\"order\":\"position\"}")
                    .get("result"));
            JsonNode page1 = client.request("thread/realtime/list", base + ",\"limit\":2}").get("result");
            answers.put("page 1", page1);
            answers.put("page 2", client.request("thread/realtime/list", base + ",\"limit\":2,\"cursor\":\""
                    + page1.get("nextCursor").asString() + "\"}").get("result"));
            HttpResponse<String> rest = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/threads/" + threadId + "/realtime/items?limit=2&cursor="
                    + URLEncoder.encode(page1.get("nextCursor").asString(), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.put("rest page 2", json.readTree(rest.body()));
        }
        return answers;
    }

    @Test
    void theSameAnswersAfterARestart_andAConversationRunningAtShutdownIsClosedByIt() throws Exception {
        Path file = dir.resolve("parley.db");
        try (FakeUpstream upstream = FakeUpstream.start(
                FakeUpstream.script().batch(su(), inDone("book a table"), call("call_1", "book a table")),
                FakeUpstream.script().batch(su(), "{\"type\":\"conversation.item.input_audio_transcription.delta\","
                        + "\"delta\":\"cut off mid\"}"));
                FakeResponses responses = FakeResponses.start()) {
            responses.script(FakeResponses.msg("Booked."));
            String[] args = {"--parley.store.type=sqlite", "--parley.store.path=" + file,
                    "--parley.realtime.base-url=" + upstream.baseUrl(), "--parley.realtime.api-key=dummy",
                    "--parley.simulator.enabled=false", "--parley.realtime.startup-context=",
                    "--parley.agent.provider=openai", "--parley.agent.api-key=dummy",
                    "--parley.agent.base-url=" + responses.baseUrl()};
            String threadId;
            String running;
            Map<String, JsonNode> before;
            try (ConfigurableApplicationContext first = StoreStartupRefusalTest.start(args);
                    RpcTestClient client = RpcTestClient.initialized(port(first))) {
                threadId = client.request("thread/start", "{}").at("/result/thread/id").asString();
                client.request("thread/realtime/start", "{\"threadId\":\"" + threadId + "\",\"outputModality\":\"audio\"}");
                notification(client, "turn/completed");
                client.request("thread/realtime/stop", "{\"threadId\":\"" + threadId + "\"}");
                notification(client, "thread/realtime/closed");
                before = answers(port(first), threadId);
                assertThat(before.get("position").get("data")).hasSize(4);
                assertThat(before.get("position").at("/data/2/item/type").asString()).isEqualTo("turnInputAccepted");

                running = client.request("thread/start", "{}").at("/result/thread/id").asString();
                client.request("thread/realtime/start", "{\"threadId\":\"" + running + "\",\"outputModality\":\"audio\"}");
                notification(client, "thread/realtime/item/transcript/delta");
            }
            try (ConfigurableApplicationContext second = StoreStartupRefusalTest.start(args);
                    RpcTestClient client = RpcTestClient.initialized(port(second))) {
                assertThat(answers(port(second), threadId)).isEqualTo(before);

                JsonNode recovered = client.request("thread/realtime/list", "{\"threadId\":\"" + running
                        + "\",\"order\":\"position\"}").get("result");
                assertThat(recovered.get("data").valueStream().map(e -> e.at("/item/type").asString()).toList())
                        .containsExactly("realtimeSessionStarted", "frame", "realtimeSessionClosed");
                // the graceful shutdown ended it (closed{shutdown}): its open segment sealed with its text, and the
                // session closed as ended; a process that dies instead is closed failed at the next start (the
                // recovery case of RealtimeTimelineStoreContract)
                assertThat(recovered.at("/data/1/item/channels/voice_transcript")).isEqualTo(
                        json.readTree("{\"role\":\"user\",\"text\":\"cut off mid\"}"));
                assertThat(recovered.at("/data/2/item/outcome").asString()).isEqualTo("ended");
                System.out.println("TIMELINE-REPORT after restart: " + answers(port(second), threadId).get("position"));
            }
        }
    }
}
