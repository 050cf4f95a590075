package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.LeakProbe;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code 04} §5: an upstream write that does not complete within {@code parley.realtime.send-timeout} (the model
 * stopped reading) is a write failure: the conversation ends with {@code error}, nothing left behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamSendTimeoutTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        RealtimeFixtures.fakeUpstreamProfile(registry, UPSTREAM);
        registry.add("parley.realtime.startup-context", () -> "");
        registry.add("parley.realtime.send-timeout", () -> "500ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    RealtimeConversationManager manager;

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }

    @Test
    void aWriteTheUpstreamNeverTakesFailsTheConversation() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")).stopReadingAfter(1));
        try (RealtimeClient c = new RealtimeClient(port, true)) {
            c.start("");
            c.awaitNotification("thread/realtime/started");
            // 48 KiB frames until the upstream's socket buffers are full and a write hangs
            String frame = "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + c.threadId
                    + "\",\"audio\":{\"data\":\"" + "A".repeat(48 * 1024) + "\",\"sampleRate\":24000,\"numChannels\":1}}}";
            for (int i = 0; i < 200; i++) {
                c.rpc.send(frame);
            }
            JsonNode error = c.awaitNotification("thread/realtime/error");
            assertThat(error.at("/params/message").asString()).contains("send timed out");
            c.awaitClosed("error");
            LeakProbe.awaitUntil(() -> manager.activeConversations() == 0, AWAIT, () -> "the conversation to end");
        }
    }
}
