package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared fixtures of {@code 07-conformance.md} §2: upstream messages, expected frames, client actions. */
final class RealtimeFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration AWAIT = Duration.ofSeconds(5);

    static final String V1_AUDIO =
            "{\"type\":\"conversation.output_audio.delta\",\"delta\":\"AQID\",\"sample_rate\":24000,\"channels\":1}";
    static final String SPEECH_STARTED = "{\"type\":\"input_audio_buffer.speech_started\"}";
    static final String UP_AUDIO = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQID\"}";
    static final String CREATE = "{\"type\":\"response.create\"}";
    static final String ACK_DONE = "Background agent finished. Use the preceding [BACKEND] messages as the result.";
    static final String ACK_EMPTY = "Background agent finished without producing a message.";
    static final String ACK_STEER = "This was sent to steer the previous background agent task.";
    static final String OUT_AUDIO_NOTIF_PARAMS = "{\"threadId\":\"T\",\"audio\":{\"data\":\"AQID\",\"sampleRate\":24000,"
            + "\"numChannels\":1,\"samplesPerChannel\":null,\"itemId\":null}}";

    private RealtimeFixtures() {
    }

    static String su(String id) {
        return "{\"type\":\"session.updated\",\"session\":{\"id\":\"" + id + "\",\"instructions\":\"backend prompt\"}}";
    }

    static String v1In(String delta) {
        return "{\"type\":\"conversation.input_transcript.delta\",\"delta\":\"" + delta + "\"}";
    }

    static String v1Handoff(String h, String i, String t) {
        return "{\"type\":\"conversation.handoff.requested\",\"handoff_id\":\"" + h + "\",\"item_id\":\"" + i
                + "\",\"input_transcript\":\"" + t + "\"}";
    }

    static String v2Call(String c, String i, String p) {
        return "{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"" + i + "\",\"type\":\"function_call\","
                + "\"name\":\"background_agent\",\"call_id\":\"" + c + "\",\"arguments\":\"{\\\"prompt\\\":\\\"" + p
                + "\\\"}\"}}";
    }

    static String v2Audio(String item, int samplesPerChannel) {
        return "{\"type\":\"response.output_audio.delta\",\"item_id\":\"" + item + "\",\"delta\":\"AQID\","
                + "\"samples_per_channel\":" + samplesPerChannel + "}";
    }

    static String created(String r) {
        return "{\"type\":\"response.created\",\"response\":{\"id\":\"" + r + "\"}}";
    }

    static String done(String r) {
        return "{\"type\":\"response.done\",\"response\":{\"id\":\"" + r + "\"}}";
    }

    static String cancelled(String r) {
        return "{\"type\":\"response.cancelled\",\"response\":{\"id\":\"" + r + "\"}}";
    }

    static String upText(String role, String part, String text) {
        return "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"" + role
                + "\",\"content\":[{\"type\":\"" + part + "\",\"text\":" + quote(text) + "}]}}";
    }

    static String upText(String text) {
        return upText("user", "input_text", text);
    }

    static String progress(String text) {
        return upText("[BACKEND] " + text);
    }

    static String output(String callId, String output) {
        return "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                + callId + "\",\"output\":" + quote(output) + "}}";
    }

    static String trunc(String item, long ms) {
        return "{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + item + "\",\"content_index\":0,"
                + "\"audio_end_ms\":" + ms + "}";
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Asserts that a recorded upstream frame equals the expected JSON (structurally). */
    static void assertFrame(String actual, String expected) {
        assertThat(json(actual)).isEqualTo(json(expected));
    }

    /** Replaces the {@code "T"} placeholder of expected params with the real thread id. */
    static JsonNode params(String template, String threadId) {
        return json(template.replace("\"T\"", quote(threadId)));
    }

    /**
     * The properties every conversation test against a {@link FakeUpstream} shares: Parley dials the fake with
     * a dummy key, the simulator is off, and a conversation without subscribers ends after 300 ms.
     */
    static void fakeUpstreamProfile(DynamicPropertyRegistry registry, FakeUpstream upstream) {
        registry.add("parley.realtime.base-url", upstream::baseUrl);
        registry.add("parley.realtime.api-key", () -> "dummy");
        registry.add("parley.realtime.orphan-timeout", () -> "300ms");
        registry.add("parley.simulator.enabled", () -> "false");
    }

    /** Waits out a negative window, then returns what arrived meanwhile (never a substitute for an await). */
    static List<JsonNode> quietWindow(RpcTestClient client, long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
        return new ArrayList<>(client.drain());
    }
}
