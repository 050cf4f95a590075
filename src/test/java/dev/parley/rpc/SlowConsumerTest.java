package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that stops reading is closed at its outbound bound (02 §2.7) while others keep working. The
 * slow client is a raw TCP socket that completes the upgrade and then never reads; the server floods it
 * with broadcasts until its socket buffers and then its outbound queue fill up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.rpc.outbound-queue-limit=64")
class SlowConsumerTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry connections;

    @Test
    void aClientThatStopsReadingIsClosedAndOthersAreUnaffected() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port); RpcTestClient healthy = RpcTestClient.initialized(port);
                RpcTestClient producer = RpcTestClient.initialized(port)) {
            slow.setReceiveBufferSize(4096);
            upgrade(slow);
            sendMaskedText(slow.getOutputStream(),
                    "{\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"slow\",\"version\":\"1\"}}}");
            assertThat(readTextFrame(slow.getInputStream())).startsWith("{\"id\":1,\"result\":");
            // from here on the slow client never reads again
            int before = connections.size();
            String longName = "n".repeat(4000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int started = 0;
            while (connections.size() == before && System.nanoTime() < deadline) {
                // every thread/start is broadcast to all three connections
                producer.send("{\"id\":" + (10 + started) + ",\"method\":\"thread/start\",\"params\":{\"name\":\""
                        + longName + "\"}}");
                started++;
                // a small window keeps the readers' own queues far below the bound, however slow the machine
                if (started % 8 == 0) {
                    producer.awaitResponse(10 + started - 1);
                }
            }
            assertThat(connections.size()).as("the slow connection was closed").isEqualTo(before - 1);
            // the healthy client saw the broadcasts and still gets answers
            healthy.awaitNotification("thread/started");
            assertThat(healthy.request("thread/list", "{\"limit\":1}").has("result")).isTrue();
            assertThat(producer.request("thread/list", "{\"limit\":1}").has("result")).isTrue();
        }
    }

    private void upgrade(Socket socket) throws IOException {
        String key = Base64.getEncoder().encodeToString("parley-slow-test".getBytes(StandardCharsets.US_ASCII));
        String request = "GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    private static String readTextFrame(InputStream in) throws IOException {
        int opcode = in.read() & 0x0F;
        assertThat(opcode).isEqualTo(1);
        int length = in.read() & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void sendMaskedText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }
}
