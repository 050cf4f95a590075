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
 * Outbound text written as pre-encoded UTF-8 through Tomcat's block send, over a real WebSocket: the embedded
 * Tomcat offers it, and what the client reads is exactly the text Parley wrote (multi-byte characters, a lone
 * surrogate replaced, a message larger than Tomcat's 8 KiB encoder buffer).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TextFrameSenderTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry connections;

    @Test
    void theEmbeddedTomcatTakesPreEncodedTextAndTheClientReadsItUnchanged() {
        try (RpcTestClient client = RpcTestClient.initialized(port)) {
            assertThat(connections.all()).isNotEmpty()
                    .allSatisfy(connection -> assertThat(connection.writesPreEncodedText()).isTrue());

            String method = "é€😀-\\ud800-" + "x".repeat(20_000);
            client.send("{\"id\":7,\"method\":\"" + method + "\"}");
            JsonNode reply = client.awaitResponse(7);

            String expected = "Method not found: é€😀-\uFFFD-" + "x".repeat(20_000);
            assertThat(reply.get("error").get("message").asString()).isEqualTo(expected);
            assertThat(client.request("thread/list", "{}").has("result")).isTrue();
        }
    }

    @Test
    void aSessionOfAnotherKindGetsTheStandardSend() {
        assertThat(TextFrameSender.of(mock(WebSocketSession.class)).preEncoded()).isFalse();
    }
}
