package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testsupport.EmbeddedPostgresServer;
import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server on PostgreSQL, and PostgreSQL stopped under it: readiness goes DOWN, requests that must
 * write answer {@code -32603 store unavailable: …} (REST 503), a running voice conversation keeps taking
 * audio, and when PostgreSQL is back readiness is UP again with everything acknowledged still there.
 */
class PostgresOutageServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String AUDIO =
            "\"audio\":{\"data\":\"AQID\",\"sampleRate\":24000,\"numChannels\":1,\"samplesPerChannel\":480}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStoppedDatabaseTurnsReadinessDownAndBackUpWithNothingLost() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
                ConfigurableApplicationContext context = StoreStartupRefusalTest.start("--parley.store.type=postgres",
                        "--spring.datasource.url=" + postgres.createDatabase(), "--spring.datasource.username=postgres",
                        "--parley.store.retry-interval=200ms", "--spring.datasource.hikari.connection-timeout=1000");
                RpcTestClient client = RpcTestClient.initialized(
                        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")))) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            assertThat(send(port, "GET", "/readyz").statusCode()).isEqualTo(200);
            String threadId = client.request("thread/start", "{\"name\":\"kept\"}").get("result").get("thread")
                    .get("id").asString();
            JsonNode started = client.request("turn/start", "{\"threadId\":\"" + threadId
                    + "\",\"input\":[{\"type\":\"text\",\"text\":\"before\"}]}");
            assertThat(started.has("result")).isTrue();
            client.awaitNotification("turn/completed");
            JsonNode realtime = client.request("thread/realtime/start", "{\"threadId\":\"" + threadId
                    + "\",\"outputModality\":\"audio\",\"prompt\":\"p\"}");
            assertThat(realtime.has("result")).as(realtime.toString()).isTrue();
            client.awaitNotification("thread/realtime/started");
            JsonNode before = client.request("thread/read", "{\"threadId\":\"" + threadId + "\",\"includeTurns\":true}")
                    .get("result");

            postgres.stop();

            await().atMost(PATIENCE).until(() -> send(port, "GET", "/readyz").statusCode() == 503);
            assertThat(send(port, "GET", "/readyz").body()).contains("\"DOWN\"");
            JsonNode refused = client.request("thread/start", "{}");
            assertThat(refused.get("error").get("code").asInt()).isEqualTo(-32603);
            assertThat(refused.get("error").get("message").asString()).startsWith("store unavailable: ");
            JsonNode refusedTurn = client.request("turn/start", "{\"threadId\":\"" + threadId
                    + "\",\"input\":[{\"type\":\"text\",\"text\":\"during\"}]}");
            assertThat(RpcTestClient.errorOf(refusedTurn)).startsWith("-32603 store unavailable: ");
            HttpResponse<String> rest = send(port, "POST", "/api/v1/threads");
            assertThat(rest.statusCode()).isEqualTo(503);
            assertThat(json.readTree(rest.body()).get("detail").asString()).startsWith("store unavailable: ");
            for (int i = 0; i < 3; i++) {
                JsonNode audio = client.request("thread/realtime/appendAudio", "{\"threadId\":\"" + threadId + "\","
                        + AUDIO + "}");
                assertThat(audio.has("result")).as("voice keeps flowing: " + audio).isTrue();
            }

            postgres.restart();

            await().atMost(PATIENCE).until(() -> send(port, "GET", "/readyz").statusCode() == 200);
            JsonNode after = client.request("thread/read", "{\"threadId\":\"" + threadId + "\",\"includeTurns\":true}")
                    .get("result");
            assertThat(after).isEqualTo(before);
            assertThat(client.request("thread/start", "{}").has("result")).isTrue();
        }
    }
}
