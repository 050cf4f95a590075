package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission control ({@code parley.realtime.max-conversations}): beyond the server-wide limit a start is refused
 * up front ({@code -32001} over JSON-RPC, 503 over REST) and no upstream connection is opened; the running
 * conversations are untouched, a restart on a running thread still replaces, and an ended conversation gives
 * its place back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.max-conversations=2", "parley.realtime.api-key=dummy", "parley.realtime.startup-context=",
        "parley.simulator.enabled=false"})
class ServerConversationLimitTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();
    static final String REFUSED = "-32001 Server overloaded: 2 realtime conversations are running"
            + " (parley.realtime.max-conversations); retry later.";

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("parley.realtime.base-url", UPSTREAM::baseUrl);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private static String thread(RpcTestClient client) {
        return client.request("thread/start", "{}").at("/result/thread/id").asString();
    }

    private static String start(String threadId) {
        return "{\"threadId\":\"" + threadId + "\",\"outputModality\":\"audio\"}";
    }

    @Test
    void startsBeyondTheServerLimitAreRefusedAndPlacesComeBack() throws Exception {
        UPSTREAM.reset(FakeUpstream.script(), FakeUpstream.script(), FakeUpstream.script(), FakeUpstream.script());
        try (RpcTestClient alice = RpcTestClient.initialized(port); RpcTestClient bob = RpcTestClient.initialized(port)) {
            String first = thread(alice);
            String second = thread(bob);
            String third = thread(bob);
            alice.request("thread/realtime/start", start(first));
            alice.awaitNotification("thread/realtime/started");
            bob.request("thread/realtime/start", start(second));
            bob.awaitNotification("thread/realtime/started");

            // the limit is server-wide, across connections and REST
            assertThat(RpcTestClient.errorOf(bob.request("thread/realtime/start", start(third)))).isEqualTo(REFUSED);
            HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/threads/" + third + "/realtime"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"outputModality\":\"audio\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rest.statusCode()).isEqualTo(503);
            assertThat(JsonMapper.builder().build().readTree(rest.body()).at("/detail").asString())
                    .contains("parley.realtime.max-conversations");
            assertThat(UPSTREAM.connectionCount()).as("a refused start opens no upstream socket").isEqualTo(2);
            assertThat(meters.get("parley.realtime.conversations.refused").counter().count()).isEqualTo(2);

            // a restart on a running thread replaces it: admitted at the limit
            alice.request("thread/realtime/start", start(first));
            assertThat(alice.awaitNotification("thread/realtime/closed").at("/params/reason").asString())
                    .isEqualTo("replaced");
            alice.awaitNotification("thread/realtime/started");

            // a stop gives the place back
            bob.request("thread/realtime/stop", "{\"threadId\":\"" + second + "\"}");
            bob.awaitNotification("thread/realtime/closed");
            JsonNode accepted = bob.request("thread/realtime/start", start(third));
            assertThat(accepted.has("error")).as(accepted.toString()).isFalse();
            bob.awaitNotification("thread/realtime/started");
        }
    }
}
