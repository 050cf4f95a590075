package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Origin check and bearer token on the WebSocket upgrade and REST (02 §2.1, 08 §3). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.security.token=s3cret",
        "parley.security.allowed-origins=https://app.example.com,null"})
class SecurityTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private URI rpc(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/rpc" + query);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int handshakeStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    @Test
    void crossOriginUpgradeIsForbiddenWithAProblemBody() throws Exception {
        assertThatThrownBy(() -> RpcTestClient.connect(rpc(""),
                Map.of("Origin", "http://evil.example", "Authorization", "Bearer s3cret")))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(403));
        HttpResponse<String> rest = get("/api/v1/threads", Map.of("Origin", "http://evil.example",
                "Authorization", "Bearer s3cret"));
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(rest.body());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Forbidden");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").asString()).isEqualTo("origin not allowed: http://evil.example");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/threads");
    }

    @Test
    void sameOriginAndListedOriginsPass() {
        for (String origin : List.of("http://127.0.0.1:" + port, "HTTP://127.0.0.1:" + port, "https://app.example.com",
                "https://APP.example.com:443", "null")) {
            try (RpcTestClient client = RpcTestClient.connect(rpc(""),
                    Map.of("Origin", origin, "Authorization", "Bearer s3cret"))) {
                assertThat(client.request("initialize", "{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}")
                        .has("result")).as(origin).isTrue();
            }
        }
        assertThatThrownBy(() -> RpcTestClient.connect(rpc(""),
                Map.of("Origin", "http://127.0.0.1:1", "Authorization", "Bearer s3cret")))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(403));
    }

    @Test
    void theTokenIsEnforcedOnRpcAndRest() throws Exception {
        assertThatThrownBy(() -> RpcTestClient.connect(rpc(""), Map.of()))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
        assertThatThrownBy(() -> RpcTestClient.connect(rpc(""), Map.of("Authorization", "Bearer wrong")))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
        try (RpcTestClient viaQuery = RpcTestClient.connect(rpc("?access_token=s3cret"), Map.of())) {
            assertThat(viaQuery.request("initialize", "{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}")
                    .has("result")).isTrue();
        }
        HttpResponse<String> missing = get("/api/v1/threads", Map.of());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json.readTree(missing.body()).get("detail").asString()).isEqualTo("missing or invalid bearer token");
        assertThat(get("/api/v1/threads?access_token=s3cret", Map.of()).statusCode())
                .as("the query token is for /rpc only").isEqualTo(401);
        assertThat(get("/api/v1/threads", Map.of("Authorization", "Bearer s3cret")).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndApiDocsAreExempt() throws Exception {
        Map<String, String> hostile = Map.of("Origin", "http://evil.example");
        for (String path : List.of("/readyz", "/healthz", "/actuator/health", "/actuator/health/readiness",
                "/v3/api-docs")) {
            assertThat(get(path, hostile).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void nonLoopbackBindingWithoutATokenIsRefused() {
        SecurityProperties none = new SecurityProperties("", List.of());
        assertThatThrownBy(() -> SecurityConfiguration.requireTokenOffLoopback("0.0.0.0", none))
                .isInstanceOf(InsecureBindException.class)
                .hasMessage("parley.security.token must be set when server.address (0.0.0.0) is not a loopback address");
        assertThatThrownBy(() -> SecurityConfiguration.requireTokenOffLoopback("::", none))
                .hasMessage("parley.security.token must be set when server.address (::) is not a loopback address");
        SecurityConfiguration.requireTokenOffLoopback("127.0.0.1", none);
        SecurityConfiguration.requireTokenOffLoopback("::1", none);
        SecurityConfiguration.requireTokenOffLoopback("localhost", none);
        SecurityConfiguration.requireTokenOffLoopback("0.0.0.0", new SecurityProperties("t", List.of()));
    }
}
