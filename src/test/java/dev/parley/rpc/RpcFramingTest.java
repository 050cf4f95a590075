package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Framing, classification and handshake errors of 02 §2.2–§3, over a real WebSocket. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.rpc.max-message-bytes=4096")
class RpcFramingTest {

    @LocalServerPort
    int port;

    RpcTestClient client;

    @BeforeEach
    void connect() {
        client = RpcTestClient.connect(port);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private JsonNode sendAndReceive(String text) {
        client.send(text);
        return client.next();
    }


    private void assertStillUsable() {
        JsonNode listed = client.request("thread/list", "{}");
        assertThat(listed.has("result") || RpcTestClient.errorOf(listed).equals("-32600 Not initialized")).isTrue();
    }

    @Test
    void malformedJsonIsAParseErrorWithNullIdAndTheConnectionStaysOpen() {
        JsonNode reply = sendAndReceive("{\"id\":1,\"method\":");
        assertThat(reply.get("id").isNull()).isTrue();
        assertThat(RpcTestClient.errorOf(reply)).isEqualTo("-32700 Parse error");
        assertThat(reply.has("jsonrpc")).isFalse();
        assertThat(sendAndReceive("not json at all").get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(sendAndReceive("{\"id\":1} trailing").get("error").get("code").asInt()).isEqualTo(-32700);
        assertStillUsable();
    }

    @Test
    void everyClassificationRowHasItsExactError() {
        assertThat(RpcTestClient.errorOf(sendAndReceive("[{\"id\":1,\"method\":\"thread/list\"}]")))
                .isEqualTo("-32600 Invalid request: batch requests are not supported");
        assertThat(RpcTestClient.errorOf(sendAndReceive("42"))).isEqualTo("-32600 Invalid request: expected a JSON object");
        assertThat(RpcTestClient.errorOf(sendAndReceive("\"text\""))).isEqualTo("-32600 Invalid request: expected a JSON object");
        for (String badId : List.of("null", "1.5", "true", "{}", "9223372036854775808")) {
            JsonNode reply = sendAndReceive("{\"id\":" + badId + ",\"method\":\"thread/list\"}");
            assertThat(reply.get("id").isNull()).isTrue();
            assertThat(RpcTestClient.errorOf(reply)).isEqualTo("-32600 Invalid request: id must be a string or an integer");
        }
        JsonNode badMethod = sendAndReceive("{\"id\":\"m-1\",\"method\":7}");
        assertThat(badMethod.get("id").asString()).isEqualTo("m-1");
        assertThat(RpcTestClient.errorOf(badMethod)).isEqualTo("-32600 Invalid request: method must be a string");
        JsonNode missing = sendAndReceive("{\"id\":9,\"params\":{}}");
        assertThat(missing.get("id").asLong()).isEqualTo(9);
        assertThat(RpcTestClient.errorOf(missing)).isEqualTo("-32600 Invalid request: missing method");
        assertThat(sendAndReceive("{\"params\":{}}").get("id").isNull()).isTrue();
        assertStillUsable();
    }

    @Test
    void clientResponsesAndUnknownNotificationsAreIgnored() {
        client.send("{\"id\":5,\"result\":{}}");
        client.send("{\"id\":6,\"error\":{\"code\":1,\"message\":\"x\"}}");
        client.send("{\"method\":\"no/such/notification\",\"params\":{}}");
        client.send("{\"method\":\"initialized\"}");
        JsonNode reply = client.request("thread/list", "{}");
        assertThat(RpcTestClient.errorOf(reply)).isEqualTo("-32600 Not initialized");
        assertThat(client.drain()).isEmpty();
    }

    @Test
    void requestsBeforeInitializeAreRejectedAndInitializeWorksOnce() {
        assertThat(RpcTestClient.errorOf(client.request("thread/start", "{}"))).isEqualTo("-32600 Not initialized");
        JsonNode init = client.request("initialize",
                "{\"clientInfo\":{\"name\":\"my_client\",\"title\":\"My Client\",\"version\":\"2.3.0\"}}");
        JsonNode result = init.get("result");
        assertThat(result.get("userAgent").asString()).startsWith("my_client/0.1.0 (").endsWith(") parley-server");
        assertThat(result.get("platformFamily").asString()).isIn("unix", "windows");
        assertThat(result.get("platformOs").asString()).isNotBlank();
        assertThat(List.copyOf(result.propertyNames())).containsExactly("userAgent", "platformFamily", "platformOs");
        assertThat(RpcTestClient.errorOf(client.request("initialize", "{\"clientInfo\":{\"name\":\"again\",\"version\":\"1\"}}")))
                .isEqualTo("-32600 Already initialized");
        assertThat(client.request("thread/list", "{}").has("result")).isTrue();
    }

    @Test
    void invalidInitializeParamsLeaveTheConnectionUninitialized() {
        assertThat(RpcTestClient.errorOf(client.request("initialize", "{}")))
                .isEqualTo("-32602 Invalid params: missing required field clientInfo");
        assertThat(RpcTestClient.errorOf(client.request("initialize", "{\"clientInfo\":{\"name\":\" \",\"version\":\"1\"}}")))
                .isEqualTo("-32602 Invalid params: clientInfo.name must not be blank");
        assertThat(RpcTestClient.errorOf(client.request("initialize", "{\"clientInfo\":{\"name\":\"x\",\"version\":3}}")))
                .isEqualTo("-32602 Invalid params: invalid value for clientInfo.version: expected string");
        assertThat(RpcTestClient.errorOf(client.request("initialize", "[]"))).isEqualTo("-32602 Invalid params: params must be an object");
        assertThat(RpcTestClient.errorOf(client.request("thread/list", "{}"))).isEqualTo("-32600 Not initialized");
        assertThat(client.request("initialize", "{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}").has("result"))
                .isTrue();
    }

    @Test
    void pipelinedInitializeIsDispatchedBeforeTheNextRequest() {
        client.send("{\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}"
                + "");
        client.send("{\"id\":2,\"method\":\"thread/list\",\"params\":{}}");
        assertThat(client.awaitResponse(1).has("result")).isTrue();
        assertThat(client.awaitResponse(2).has("result")).isTrue();
    }

    @Test
    void unknownMethodsAndInitializedWithAnIdAreMethodNotFound() {
        client.request("initialize", "{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}");
        client.send("{\"id\":\"a-7\",\"method\":\"thread/fork\",\"params\":{}}");
        JsonNode reply = client.next();
        assertThat(reply.get("id").asString()).isEqualTo("a-7");
        assertThat(RpcTestClient.errorOf(reply)).isEqualTo("-32601 Method not found: thread/fork");
        assertThat(RpcTestClient.errorOf(client.request("initialized", "{}"))).isEqualTo("-32601 Method not found: initialized");
    }

    @Test
    void idsAreEchoedWithTheirJsonType() {
        client.send("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}");
        JsonNode reply = client.next();
        assertThat(reply.get("id").isString()).isTrue();
        assertThat(client.rawMessages().getFirst()).startsWith("{\"id\":\"7\",\"result\":");
        client.send("{\"id\":9223372036854775807,\"method\":\"thread/list\",\"params\":{}}");
        JsonNode second = client.next();
        assertThat(second.get("id").asLong()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void omittedOrNullParamsMeanAnEmptyObject() {
        client.request("initialize", "{\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}");
        client.send("{\"id\":1,\"method\":\"thread/list\"}");
        assertThat(client.awaitResponse(1).has("result")).isTrue();
        client.send("{\"id\":2,\"method\":\"thread/list\",\"params\":null}");
        assertThat(client.awaitResponse(2).has("result")).isTrue();
    }

    @Test
    void oversizedMessagesAreAnsweredAndTheConnectionStaysOpen() {
        String big = "{\"id\":1,\"method\":\"thread/list\",\"params\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
        JsonNode reply = sendAndReceive(big);
        assertThat(reply.get("id").isNull()).isTrue();
        assertThat(RpcTestClient.errorOf(reply)).isEqualTo("-32600 Invalid request: message exceeds 4096 bytes");
        // multi-byte characters count as their UTF-8 length: 1500 × 3 bytes > 4096
        assertThat(RpcTestClient.errorOf(sendAndReceive("{\"id\":2,\"method\":\"x\",\"params\":{\"p\":\"" + "€".repeat(1500) + "\"}}")))
                .isEqualTo("-32600 Invalid request: message exceeds 4096 bytes");
        assertThat(RpcTestClient.errorOf(sendAndReceive("{\"id\":3,\"method\":\"x\",\"params\":{\"p\":\"" + "x".repeat(3000) + "\"}}")))
                .isEqualTo("-32600 Not initialized");
        assertStillUsable();
    }

    @Test
    void binaryMessagesAreIgnored() {
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(RpcTestClient.errorOf(client.request("thread/list", "{}"))).isEqualTo("-32600 Not initialized");
        assertThat(client.drain()).isEmpty();
    }
}
