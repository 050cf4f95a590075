package dev.parley.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST threads, problem details, OpenAPI and health over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.rpc.max-message-bytes=2048")
class ThreadsRestTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return json.readTree(response.body());
    }

    @Test
    void postCreatesAThreadAndBroadcastsThreadStarted() throws Exception {
        try (RpcTestClient listener = RpcTestClient.initialized(port)) {
            HttpResponse<String> created = send("POST", "/api/v1/threads", "application/json", "{\"name\":\"rest\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode thread = json.readTree(created.body());
            String id = thread.get("id").asString();
            assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/threads/" + id);
            assertThat(thread.get("name").asString()).isEqualTo("rest");
            assertThat(listener.awaitNotification("thread/started").get("params").get("thread").get("id").asString())
                    .isEqualTo(id);

            HttpResponse<String> read = send("GET", "/api/v1/threads/" + id + "?includeTurns=true", null, null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(json.readTree(read.body())).isEqualTo(thread);

            JsonNode list = json.readTree(send("GET", "/api/v1/threads?limit=1", null, null).body());
            assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(id);
            assertThat(list.has("nextCursor")).isTrue();
        }
    }

    @Test
    void anEmptyBodyMeansDefaults() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/threads", null, null);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json.readTree(created.body()).get("name").isNull()).isTrue();
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        JsonNode notFound = problem(send("GET", "/api/v1/threads/01a2001f-0000-7000-8000-000000000000", null, null), 404);
        assertThat(notFound.get("detail").asString()).isEqualTo("thread not found: 01a2001f-0000-7000-8000-000000000000");
        assertThat(notFound.get("instance").asString()).isEqualTo("/api/v1/threads/01a2001f-0000-7000-8000-000000000000");
        assertThat(notFound.get("title").asString()).isEqualTo("Not Found");
        assertThat(notFound.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem(send("POST", "/api/v1/threads", "application/json", "{nope"), 400).get("detail").asString())
                .isEqualTo("Parse error");
        assertThat(problem(send("POST", "/api/v1/threads", "application/json", "{\"name\":5}"), 400).get("detail")
                .asString()).isEqualTo("Invalid params: invalid value for name: expected string");
        assertThat(problem(send("GET", "/api/v1/threads?limit=0", null, null), 400).get("detail").asString())
                .isEqualTo("Invalid params: invalid value for limit: must be at least 1");
        assertThat(problem(send("GET", "/api/v1/threads?limit=x", null, null), 400).get("detail").asString())
                .isEqualTo("Invalid params: invalid value for limit: expected integer");
        problem(send("POST", "/api/v1/threads", "text/plain", "hello"), 415);
        problem(send("DELETE", "/api/v1/threads", null, null), 405);
        problem(send("GET", "/api/v1/nothing-here", null, null), 404);
        assertThat(problem(send("POST", "/api/v1/threads", "application/json",
                "{\"name\":\"" + "x".repeat(3000) + "\"}"), 413).get("detail").asString())
                .isEqualTo("request body exceeds 2048 bytes");
    }

    @Test
    void openApiDocumentsTheRestApiOnly() throws Exception {
        HttpResponse<String> docs = send("GET", "/v3/api-docs", null, null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = json.readTree(docs.body());
        assertThat(api.get("openapi").asString()).startsWith("3.1");
        assertThat(api.get("info").get("title").asString()).isEqualTo("Parley");
        assertThat(api.get("info").get("version").asString()).isEqualTo("0.1.0");
        assertThat(api.get("info").get("description").asString()).contains("/rpc").contains("schema/");
        assertThat(api.get("components").get("securitySchemes").get("bearerAuth").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(api.get("paths").propertyNames()).allMatch(path -> path.startsWith("/api/"));
        assertThat(api.get("paths").has("/api/v1/threads/{id}")).isTrue();
        assertThat(send("GET", "/swagger-ui.html", null, null).statusCode()).isIn(200, 302);
    }

    @Test
    void healthProbesAndTheirAliases() throws Exception {
        assertThat(send("GET", "/actuator/health", null, null).body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readyz = send("GET", "/readyz", null, null);
        assertThat(readyz.statusCode()).isEqualTo(200);
        assertThat(readyz.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(send("GET", "/healthz", null, null).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(send("GET", "/actuator/health/liveness", null, null).body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
