package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code 08-quality-bars.md} §3: API keys and the Parley token never appear in logs, notifications, errors,
 * {@code /actuator} output or the OpenAPI document. Recognisable canary keys are configured, every path that
 * could echo them is exercised (connect failures, upstream errors and transport failures, agent failures, REST
 * problems, the docs and the actuator, debug logging included), and every output is searched for them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.connect-timeout=400ms", "parley.realtime.startup-context=", "parley.simulator.enabled=false",
        "parley.agent.provider=openai", "logging.level.dev.parley=TRACE", "logging.level.org.springframework.web=DEBUG"})
class CredentialLeakTest {

    static final String SUFFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    static final String REALTIME_KEY = "sk-parley-canary-realtime-" + SUFFIX;
    static final String AGENT_KEY = "sk-parley-canary-agent-" + SUFFIX;
    static final String TOKEN = "parley-canary-token-" + SUFFIX;

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();
    static final FakeResponses RESPONSES = FakeResponses.start();

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("parley.realtime.api-key", () -> REALTIME_KEY);
        registry.add("parley.agent.api-key", () -> AGENT_KEY);
        registry.add("parley.security.token", () -> TOKEN);
        registry.add("parley.realtime.base-url", UPSTREAM::baseUrl);
        registry.add("parley.agent.base-url", RESPONSES::baseUrl);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> outputs = new ArrayList<>();

    @AfterAll
    static void stop() throws IOException {
        UPSTREAM.close();
        RESPONSES.close();
    }


    @Test
    void noCredentialReachesAnyOutput(CapturedOutput output) throws Exception {
        String echo = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\","
                + "\"message\":\"Incorrect API key provided: " + REALTIME_KEY + ".\"}}";
        UPSTREAM.reset(FakeUpstream.script().rejectHandshake(401), FakeUpstream.script().neverAnswerHandshake(),
                FakeUpstream.script().batch(su(), echo),
                FakeUpstream.script().batch(su()).dropAfterScript(),
                FakeUpstream.script().batch(su(), "{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_1\","
                        + "\"type\":\"function_call\",\"name\":\"background_agent\",\"call_id\":\"call_1\","
                        + "\"arguments\":\"{\\\"prompt\\\":\\\"check the build\\\"}\"}}"));
        RESPONSES.script(FakeResponses.builder().created().event("{\"type\":\"error\",\"code\":\"invalid_api_key\","
                + "\"message\":\"Incorrect API key provided: " + AGENT_KEY + "\"}").build(), FakeResponses.status(401));

        try (RpcTestClient client = RpcTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/rpc"),
                Map.of("Authorization", "Bearer " + TOKEN));
                RpcTestClient browser = RpcTestClient.connect(
                        URI.create("ws://127.0.0.1:" + port + "/rpc?access_token=" + TOKEN), Map.of())) {
            client.request("initialize", "{\"clientInfo\":{\"name\":\"leak_test\",\"version\":\"1\"},"
                    + "\"capabilities\":{\"realtimeEvents\":true}}");
            browser.request("initialize", "{\"clientInfo\":{\"name\":\"browser\",\"version\":\"1\"}}");
            String threadId = client.request("thread/start", "{}").at("/result/thread/id").asString();
            browser.request("thread/resume", "{\"threadId\":\"" + threadId + "\"}");
            String start = "{\"threadId\":\"" + threadId + "\",\"outputModality\":\"audio\"}";

            // connect refused with 401, connect timeout
            for (int i = 0; i < 2; i++) {
                client.request("thread/realtime/start", start);
                assertThat(client.awaitNotification("thread/realtime/error").at("/params/message").asString())
                        .startsWith("failed to connect to realtime upstream: ");
            }
            // an upstream error that echoes the key, then a connection lost without a Close frame
            for (int i = 0; i < 2; i++) {
                client.request("thread/realtime/start", start);
                client.awaitNotification("thread/realtime/error");
                client.awaitNotification("thread/realtime/closed");
            }
            // a voice handoff whose agent stream fails echoing the agent key; then a typed turn refused with 401
            client.request("thread/realtime/start", start);
            assertThat(client.awaitNotification("turn/completed").at("/params/turn/status").asString()).isEqualTo("failed");
            client.request("thread/realtime/stop", "{\"threadId\":\"" + threadId + "\"}");
            client.awaitNotification("thread/realtime/closed");
            client.request("turn/start", "{\"threadId\":\"" + threadId + "\",\"input\":[{\"type\":\"text\",\"text\":\"hi\"}]}");
            assertThat(client.awaitNotification("turn/completed").at("/params/turn/error/message").asString())
                    .isEqualTo("agent request failed with HTTP 401");
            // assorted JSON-RPC errors
            client.send("{\"id\":1,\"method\":\"thread/realtime/start\",\"params\":{\"threadId\":5}}");
            client.send("{not json");
            client.send("{\"id\":2,\"method\":\"thread/realtime/start\",\"params\":{\"threadId\":\"" + threadId
                    + "\",\"outputModality\":\"audio\",\"version\":\"v1\",\"voice\":\"marin\"}}");
            client.awaitNotification("thread/realtime/error");
            client.request("thread/read", "{\"threadId\":\"" + threadId + "\",\"includeTurns\":true}");

            // REST: state, problems, docs and actuator
            String base = "/api/v1/threads/" + threadId;
            assertThat(rest("GET", base + "/realtime", null).statusCode()).isEqualTo(200);
            assertThat(rest("POST", base + "/realtime", "{\"outputModality\":\"audio\",\"voice\":\"cove\"}").statusCode())
                    .isEqualTo(422);
            assertThat(rest("POST", "/api/v1/threads", "{not json").statusCode()).isEqualTo(400);
            assertThat(rest("GET", "/api/v1/threads/01a2001f-0000-7000-8000-000000000000", null).statusCode())
                    .isEqualTo(404);
            assertThat(rest("GET", "/api/v1/threads", null).statusCode()).isEqualTo(200);
            assertThat(rest("GET", base + "?includeTurns=true", null).statusCode()).isEqualTo(200);
            assertThat(rest("GET", "/api/v1/threads", null, Map.of()).statusCode()).as("no token").isEqualTo(401);
            for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui/index.html",
                    "/swagger-ui/swagger-initializer.js", "/v3/api-docs/swagger-config", "/actuator",
                    "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/readyz", "/healthz",
                    "/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/info", "/actuator/metrics")) {
                rest("GET", path, null);
            }
            outputs.addAll(client.rawMessages());
            outputs.addAll(browser.rawMessages());
        }

        // the keys were really configured and sent where they belong
        assertThat(UPSTREAM.connection(2).headers().get("authorization")).isEqualTo("Bearer " + REALTIME_KEY);
        assertThat(RESPONSES.requests().getFirst().authorization()).isEqualTo("Bearer " + AGENT_KEY);
        // and the captured log covers the whole run, startup included
        assertThat(output.getAll()).contains("Parley ready");

        outputs.add(output.getAll());
        assertThat(outputs.stream().flatMap(String::lines).filter(line -> line.contains(SUFFIX)))
                .as("lines that carry a credential").isEmpty();
        assertThat(String.join("\n", outputs)).as("the echoing errors did reach the client, without the key")
                .contains("Incorrect API key provided", "Parse error", "HTTP 401", "timed out after 400ms");
    }

    private static String su() {
        return "{\"type\":\"session.updated\",\"session\":{\"id\":\"sess\",\"instructions\":\"\"}}";
    }

    private HttpResponse<String> rest(String method, String path, String body) throws Exception {
        return rest(method, path, body, Map.of("Authorization", "Bearer " + TOKEN));
    }

    private HttpResponse<String> rest(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        outputs.add(path + " " + response.statusCode() + " " + response.headers().map() + "\n" + response.body());
        return response;
    }
}
