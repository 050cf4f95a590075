package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.created;
import static dev.parley.realtime.conversation.RealtimeFixtures.done;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Overload shedding over real sockets ({@code 04} §4, README "Overload"): audio that waited longer than
 * {@code parley.realtime.audio-max-delay} is shed in both directions and counted per conversation, while every
 * other upstream event (response lifecycle, transcripts, items) and every client text still goes through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AudioSheddingTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        RealtimeFixtures.fakeUpstreamProfile(registry, UPSTREAM);
        registry.add("parley.realtime.startup-context", () -> "");
        // a socket read, a queue and a hand-over to the loop's thread always take longer than a nanosecond, so
        // every audio frame is "too old" when the loop takes it: the overload path runs for each one, no timing
        registry.add("parley.realtime.audio-max-delay", () -> "1ns");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }

    @Test
    void staleAudioIsShedAndCountedBothWaysWhileEveryOtherMessageGoesThrough() throws Exception {
        String transcript = "{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"item_a\","
                + "\"delta\":\"still here\"}";
        String lastItem = "{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_last\"}}";
        UPSTREAM.reset(FakeUpstream.script()
                .batch(su("s"), created("resp_1"), v2Audio("item_a", 480), transcript, v2Audio("item_a", 480),
                        v2Audio("item_a", 480), done("resp_1"))
                .batch(v2Audio("item_b", 480), lastItem));
        try (RealtimeClient c = new RealtimeClient(port, true)) {
            c.start("");
            c.awaitNotification("thread/realtime/started");
            for (int i = 0; i < 3; i++) {
                assertThat(c.audio().get("result")).isEqualTo(json("{}"));
            }
            // the upstream's second text frame is this item: the three audio frames before it were shed
            assertThat(c.text("hello", "").get("result")).isEqualTo(json("{}"));
            c.awaitEvent("{\"ConversationItemDone\":{\"item_id\":\"item_last\"}}");

            List<String> frames = UPSTREAM.connection(0).awaitFrames(2, AWAIT);
            assertThat(frames).hasSize(2).noneMatch(frame -> frame.contains("input_audio_buffer.append"));
            assertThat(json(frames.get(1)).at("/item/content/0/text").asString()).isEqualTo("[USER] hello");

            List<String> received = c.rpc.rawMessages();
            assertThat(received).noneMatch(m -> m.contains("outputAudio/delta") || m.contains("\"AudioOut\""));
            assertThat(received).anyMatch(m -> m.contains("\"ResponseCreated\"") && m.contains("resp_1"));
            assertThat(received).anyMatch(m -> m.contains("\"ResponseDone\"") && m.contains("resp_1"));
            assertThat(received).anyMatch(m -> m.contains("still here"));

            JsonNode counters = state(c.threadId).get("counters");
            assertThat(counters.get("audioInFrames").asLong()).isEqualTo(3);
            assertThat(counters.get("audioInDropped").asLong()).isEqualTo(3);
            assertThat(counters.get("audioOutFrames").asLong()).isEqualTo(4);
            assertThat(counters.get("audioOutDropped").asLong()).isEqualTo(4);
        }
    }

    private JsonNode state(String threadId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/threads/" + threadId + "/realtime")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body());
    }
}
