package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.parley.testsupport.RpcTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;

/**
 * The two Tomcat shortcuts of {@code /rpc}, over a real WebSocket: outbound text written as pre-encoded UTF-8
 * through Tomcat's block send, and inbound frames unmasked eight bytes at a time ({@link TomcatUnmasking}). The
 * embedded Tomcat offers both, and every message arrives exactly as sent, both ways (multi-byte characters, a lone
 * surrogate replaced, every length around the eight-byte steps, messages larger than the 4 KiB socket buffer and
 * than Tomcat's 8 KiB encoder buffer).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatShortcutsTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry connections;

    @Test
    void theEmbeddedTomcatTakesPreEncodedTextAndTheClientReadsItUnchanged() {
        try (RpcTestClient client = RpcTestClient.initialized(port)) {
            assertThat(connections.all()).isNotEmpty()
                    .allSatisfy(connection -> assertThat(connection.writesPreEncodedText()).isTrue())
                    .allSatisfy(connection -> assertThat(connection.unmasksFast()).isTrue());

            String method = "é€😀-\\ud800-" + "x".repeat(20_000);
            client.send("{\"id\":7,\"method\":\"" + method + "\"}");
            JsonNode reply = client.awaitResponse(7);

            String expected = "Method not found: é€😀-\uFFFD-" + "x".repeat(20_000);
            assertThat(reply.get("error").get("message").asString()).isEqualTo(expected);
            assertThat(client.request("thread/list", "{}").has("result")).isTrue();

            // every length around the eight-byte steps of the unmasking, and messages read in several chunks
            for (int length = 0; length < 40; length++) {
                assertEchoed(client, 100 + length, "m" + "é".repeat(length % 3) + "y".repeat(length));
            }
            assertEchoed(client, 200, "ü".repeat(3_001) + "z".repeat(9_999));
        }
    }

    private static void assertEchoed(RpcTestClient client, long id, String method) {
        client.send("{\"id\":" + id + ",\"method\":\"" + method + "\"}");
        assertThat(client.awaitResponse(id).get("error").get("message").asString())
                .isEqualTo("Method not found: " + method);
    }

    @Test
    void aSessionOfAnotherKindGetsTheStandardSend() {
        assertThat(TextFrameSender.of(mock(WebSocketSession.class)).preEncoded()).isFalse();
    }
}
