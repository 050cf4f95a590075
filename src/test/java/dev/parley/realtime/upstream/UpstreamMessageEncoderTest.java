package dev.parley.realtime.upstream;

import static dev.parley.testsupport.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.RealtimeConversationVersion;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code 07} §3.5: writer messages (MSG-01 … MSG-07; MSG-08 runs over a socket in LIM-6 and here in memory). */
class UpstreamMessageEncoderTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void msg01_audioForwardsOnlyTheData() {
        assertJson("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQID\"}",
                UpstreamMessageEncoder.encode(new UpstreamMessage.AudioAppend("AQID")));
    }

    static Stream<String> audioPayloads() {
        return Stream.of("", "AQID", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7+/+/==",
                "quote\"back\\slash", "new\nline\ttab\u0001\u001f", "é€😀 \u2028", "\ud800 lone");
    }

    /** The audio append skips the tree; its text must be the same JSON as the tree's for any payload. */
    @ParameterizedTest
    @MethodSource("audioPayloads")
    void msg01_audioAppendFastPathIsTheSameJson(String audio) {
        UpstreamMessage.AudioAppend append = new UpstreamMessage.AudioAppend(audio);
        String encoded = UpstreamMessageEncoder.encode(append);
        assertEquals(MAPPER.readTree(MAPPER.writeValueAsString(UpstreamMessageEncoder.toJson(append))),
                MAPPER.readTree(encoded));
        if (UpstreamMessageEncoder.needsNoEscape(audio)) {
            assertEquals("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + audio + "\"}", encoded);
        }
    }

    static Stream<Arguments> appendTextRows() {
        String user = "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"%s\"}]}}";
        String developer = "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"developer\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Keep answers short.\"}]}}";
        String assistant = "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Sure.\"}]}}";
        return Stream.of(
                Arguments.of(RealtimeConversationVersion.V1, ConversationTextRole.USER, "hello", user.formatted("hello")),
                Arguments.of(RealtimeConversationVersion.V2, ConversationTextRole.USER, "hello", user.formatted("[USER] hello")),
                Arguments.of(RealtimeConversationVersion.V2, ConversationTextRole.USER, "[USER] hello", user.formatted("[USER] hello")),
                Arguments.of(RealtimeConversationVersion.V1, ConversationTextRole.DEVELOPER, "Keep answers short.", developer),
                Arguments.of(RealtimeConversationVersion.V2, ConversationTextRole.DEVELOPER, "Keep answers short.", developer),
                Arguments.of(RealtimeConversationVersion.V1, ConversationTextRole.ASSISTANT, "Sure.", assistant),
                Arguments.of(RealtimeConversationVersion.V2, ConversationTextRole.ASSISTANT, "Sure.", assistant),
                Arguments.of(RealtimeConversationVersion.V1, ConversationTextRole.USER, "  padded ", user.formatted("  padded ")));
    }

    @ParameterizedTest(name = "MSG-02 {0} {1} \"{2}\"")
    @MethodSource("appendTextRows")
    void msg02_appendTextMapping(RealtimeConversationVersion version, ConversationTextRole role, String text, String expected) {
        assertJson(expected, UpstreamMessageEncoder.encode(UpstreamMessage.TextItem.appendText(version, role, text)));
    }

    @Test
    void msg03_v1Progress() {
        assertJson("""
                {"type":"conversation.handoff.append","handoff_id":"handoff_1","output_text":"\\"Agent Final Message\\":\\n\\nassistant says hi"}""",
                UpstreamMessageEncoder.encode(UpstreamMessage.HandoffAppend.agentFinalMessage("handoff_1",
                        "assistant says hi")));
    }

    @Test
    void msg03_v2ProgressIsABackendItem() {
        String expected = """
                {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"[BACKEND] working"}]}}""";
        assertJson(expected, UpstreamMessageEncoder.encode(UpstreamMessage.TextItem.backend("working")));
        assertJson(expected, UpstreamMessageEncoder.encode(UpstreamMessage.TextItem.backend("[BACKEND] working")));
    }

    @Test
    void msg04_v2FunctionOutput() {
        assertJson("""
                {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_1","output":"delegated result"}}""",
                UpstreamMessageEncoder.encode(new UpstreamMessage.FunctionCallOutput("call_1", "delegated result")));
        assertJson("""
                {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_silent","output":""}}""",
                UpstreamMessageEncoder.encode(new UpstreamMessage.FunctionCallOutput("call_silent",
                        UpstreamMessage.FunctionCallOutput.SILENT)));
    }

    @Test
    void msg05_v1Speech() {
        assertJson("""
                {"type":"conversation.handoff.append","handoff_id":"codex","output_text":"The build is green."}""",
                UpstreamMessageEncoder.encode(UpstreamMessage.HandoffAppend.speech("The build is green.")));
    }

    @Test
    void msg06_responseCreate() {
        assertJson("{\"type\":\"response.create\"}", UpstreamMessageEncoder.encode(new UpstreamMessage.ResponseCreate()));
    }

    @Test
    void msg07_truncate() {
        assertJson("""
                {"type":"conversation.item.truncate","item_id":"item_a","content_index":0,"audio_end_ms":400}""",
                UpstreamMessageEncoder.encode(new UpstreamMessage.Truncate("item_a", 400)));
        assertJson("""
                {"type":"conversation.item.truncate","item_id":"item_a","content_index":0,"audio_end_ms":4294967295}""",
                UpstreamMessageEncoder.encode(new UpstreamMessage.Truncate("item_a", 4_294_967_295L)));
        assertThrows(IllegalArgumentException.class, () -> new UpstreamMessage.Truncate("item_a", -1));
    }

    @Test
    void msg08_closedMessageText() {
        assertEquals("realtime websocket connection is closed", new UpstreamException.Closed().getMessage());
    }

    @Test
    void acknowledgementTexts() {
        assertEquals("Background agent finished. Use the preceding [BACKEND] messages as the result.",
                UpstreamMessage.FunctionCallOutput.AGENT_FINISHED);
        assertEquals("Background agent finished without producing a message.",
                UpstreamMessage.FunctionCallOutput.AGENT_FINISHED_WITHOUT_MESSAGE);
        assertEquals("This was sent to steer the previous background agent task.",
                UpstreamMessage.FunctionCallOutput.STEERED);
    }
}
