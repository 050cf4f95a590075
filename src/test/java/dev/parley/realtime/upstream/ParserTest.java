package dev.parley.realtime.upstream;

import static dev.parley.testsupport.JsonAssert.assertEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code 07} §3.6 (P1-*), §3.7 (P2-*) and §3.8 (ARG-*): parser output before the ledger. */
class ParserTest {

    private static final String NONE = "none";
    private static final RealtimeEventParser V1 = RealtimeEventParser.forVersion(RealtimeConversationVersion.V1);
    private static final RealtimeEventParser V2 = RealtimeEventParser.forVersion(RealtimeConversationVersion.V2);

    private static final String HANDOFF_CALL = """
            {"type":"conversation.item.done","item":{"id":"item_123","type":"function_call","name":"background_agent","call_id":"call_123","arguments":"{\\"prompt\\":\\"delegate now\\"}"}}""";

    static Stream<Arguments> v1() {
        return Stream.of(
                row("P1-01", """
                        {"type":"session.updated","session":{"id":"sess_123","instructions":"backend prompt"}}""", """
                        {"SessionUpdated":{"session_id":"sess_123","instructions":"backend prompt"}}"""),
                row("P1-02", """
                        {"type":"session.updated","session":{"id":"sess_123"}}""", """
                        {"SessionUpdated":{"session_id":"sess_123","instructions":null}}"""),
                row("P1-03", """
                        {"type":"session.updated","session":{}}""", NONE),
                row("P1-04", """
                        {"type":"conversation.output_audio.delta","delta":"AAA=","sample_rate":48000,"channels":1,"samples_per_channel":960}""", """
                        {"AudioOut":{"data":"AAA=","sample_rate":48000,"num_channels":1,"samples_per_channel":960,"item_id":null}}"""),
                row("P1-05", """
                        {"type":"conversation.output_audio.delta","data":"AAA=","sample_rate":24000,"num_channels":2}""", """
                        {"AudioOut":{"data":"AAA=","sample_rate":24000,"num_channels":2,"samples_per_channel":null,"item_id":null}}"""),
                row("P1-06a", """
                        {"type":"conversation.output_audio.delta","delta":"AAA=","channels":1}""", NONE),
                row("P1-06b", """
                        {"type":"conversation.output_audio.delta","delta":"AAA=","sample_rate":24000}""", NONE),
                row("P1-07", """
                        {"type":"conversation.output_audio.delta","delta":"AAA=","sample_rate":24000,"channels":1,"item_id":"x"}""", """
                        {"AudioOut":{"data":"AAA=","sample_rate":24000,"num_channels":1,"samples_per_channel":null,"item_id":null}}"""),
                row("P1-08", """
                        {"type":"conversation.item.added","item":{"type":"message","role":"assistant","content":[{"type":"text","text":"hi"}]}}""", """
                        {"ConversationItemAdded":{"type":"message","role":"assistant","content":[{"type":"text","text":"hi"}]}}"""),
                row("P1-09", """
                        {"type":"conversation.item.done","item":{"id":"item_123","type":"message"}}""", """
                        {"ConversationItemDone":{"item_id":"item_123"}}"""),
                row("P1-10", """
                        {"type":"conversation.item.done","item":{"id":"item_out","type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]}}""", """
                        {"ConversationItemDone":{"item_id":"item_out"}}"""),
                row("P1-11", """
                        {"type":"conversation.handoff.requested","handoff_id":"handoff_123","item_id":"item_123","input_transcript":"delegate this"}""", """
                        {"HandoffRequested":{"handoff_id":"handoff_123","item_id":"item_123","input_transcript":"delegate this","active_transcript":[]}}"""),
                row("P1-12a", """
                        {"type":"conversation.handoff.requested","handoff_id":"h","item_id":"i","input_transcript":"t","messages":[{"role":"user","text":"t"}]}""", """
                        {"HandoffRequested":{"handoff_id":"h","item_id":"i","input_transcript":"t","active_transcript":[]}}"""),
                row("P1-12b", """
                        {"type":"conversation.handoff.requested","handoff_id":"h","item_id":"i","messages":[{"role":"user","text":"t"}]}""", NONE),
                row("P1-13", """
                        {"type":"conversation.input_transcript.delta","delta":"hello "}""", """
                        {"InputTranscriptDelta":{"delta":"hello "}}"""),
                row("P1-14", """
                        {"type":"conversation.item.input_audio_transcription.delta","delta":"hel"}""", """
                        {"InputTranscriptDelta":{"delta":"hel"}}"""),
                row("P1-15", """
                        {"type":"conversation.item.input_audio_transcription.completed","transcript":"hello"}""", """
                        {"InputTranscriptDone":{"text":"hello"}}"""),
                row("P1-16", """
                        {"type":"conversation.input_transcript.turn_marked","transcript":"hello there"}""", """
                        {"InputTranscriptDone":{"text":"hello there"}}"""),
                row("P1-17", """
                        {"type":"conversation.output_transcript.delta","delta":"hi"}""", """
                        {"OutputTranscriptDelta":{"delta":"hi"}}"""),
                row("P1-18a", """
                        {"type":"response.output_audio_transcript.delta","delta":"hi"}""", """
                        {"OutputTranscriptDelta":{"delta":"hi"}}"""),
                row("P1-18b", """
                        {"type":"response.output_text.delta","delta":"yo"}""", """
                        {"OutputTranscriptDelta":{"delta":"yo"}}"""),
                row("P1-19", """
                        {"type":"response.output_audio_transcript.done","transcript":"hi there"}""", """
                        {"OutputTranscriptDone":{"text":"hi there"}}"""),
                row("P1-20a", "{\"type\":\"error\",\"message\":\"boom\"}", "{\"Error\":\"boom\"}"),
                row("P1-20b", "{\"type\":\"error\",\"error\":{\"message\":\"nested boom\"}}", "{\"Error\":\"nested boom\"}"),
                row("P1-20c", "{\"type\":\"error\",\"error\":{\"code\":\"x\"}}", "{\"Error\":\"{\\\"code\\\":\\\"x\\\"}\"}"),
                row("P1-20d", "{\"type\":\"error\"}", NONE),
                row("P1-21a", "{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}", NONE),
                row("P1-21b", "{\"type\":\"input_audio_buffer.speech_started\"}", NONE),
                row("P1-21c", "{\"type\":\"conversation.item.created\",\"item\":{}}", NONE),
                row("P1-21d", "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"}", NONE),
                row("P1-21e", "not json", NONE),
                row("P1-21f", "{\"no_type\":1}", NONE),
                row("P1-21g", "[]", NONE),
                row("P1-21h", "{\"type\":5}", NONE));
    }

    static Stream<Arguments> v2() {
        return Stream.of(
                row("P2-01", """
                        {"type":"session.updated","session":{"id":"sess_123","instructions":"backend prompt"}}""", """
                        {"SessionUpdated":{"session_id":"sess_123","instructions":"backend prompt"}}"""),
                row("P2-02", """
                        {"type":"response.output_audio.delta","delta":"AQID"}""", """
                        {"AudioOut":{"data":"AQID","sample_rate":24000,"num_channels":1,"samples_per_channel":null,"item_id":null}}"""),
                row("P2-03", """
                        {"type":"response.audio.delta","delta":"AQID","item_id":"item_audio_1","sample_rate":24000,"channels":1}""", """
                        {"AudioOut":{"data":"AQID","sample_rate":24000,"num_channels":1,"samples_per_channel":null,"item_id":"item_audio_1"}}"""),
                row("P2-04", """
                        {"type":"response.output_audio.delta","delta":"AQID","sample_rate":48000,"num_channels":2,"samples_per_channel":480,"item_id":"i"}""", """
                        {"AudioOut":{"data":"AQID","sample_rate":48000,"num_channels":2,"samples_per_channel":480,"item_id":"i"}}"""),
                row("P2-05", "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\"}", NONE),
                row("P2-06", """
                        {"type":"conversation.item.input_audio_transcription.delta","delta":"hel"}""", """
                        {"InputTranscriptDelta":{"delta":"hel"}}"""),
                row("P2-07", """
                        {"type":"conversation.item.input_audio_transcription.completed","transcript":"hello"}""", """
                        {"InputTranscriptDone":{"text":"hello"}}"""),
                row("P2-08a", """
                        {"type":"response.output_audio_transcript.delta","delta":"hi"}""", """
                        {"OutputTranscriptDelta":{"delta":"hi"}}"""),
                row("P2-08b", """
                        {"type":"response.output_text.delta","delta":"yo"}""", """
                        {"OutputTranscriptDelta":{"delta":"yo"}}"""),
                row("P2-09", """
                        {"type":"response.output_audio_transcript.done","transcript":"hi there"}""", """
                        {"OutputTranscriptDone":{"text":"hi there"}}"""),
                row("P2-10", """
                        {"type":"response.output_text.done","text":"hi there"}""", """
                        {"OutputTranscriptDone":{"text":"hi there"}}"""),
                row("P2-11a", """
                        {"type":"input_audio_buffer.speech_started","item_id":"item_input_1","audio_start_ms":120}""", """
                        {"InputAudioSpeechStarted":{"item_id":"item_input_1"}}"""),
                row("P2-11b", "{\"type\":\"input_audio_buffer.speech_started\"}", """
                        {"InputAudioSpeechStarted":{"item_id":null}}"""),
                row("P2-12a", """
                        {"type":"conversation.item.created","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]}}""", """
                        {"ConversationItemAdded":{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]}}"""),
                row("P2-12b", """
                        {"type":"conversation.item.added","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]}}""", """
                        {"ConversationItemAdded":{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]}}"""),
                row("P2-13", HANDOFF_CALL, """
                        {"HandoffRequested":{"handoff_id":"call_123","item_id":"item_123","input_transcript":"delegate now","active_transcript":[]}}"""),
                row("P2-14a", HANDOFF_CALL.replace(",\"call_id\":\"call_123\"", ""), """
                        {"HandoffRequested":{"handoff_id":"item_123","item_id":"item_123","input_transcript":"delegate now","active_transcript":[]}}"""),
                row("P2-14b", HANDOFF_CALL.replace("\"id\":\"item_123\",", ""), """
                        {"HandoffRequested":{"handoff_id":"call_123","item_id":"call_123","input_transcript":"delegate now","active_transcript":[]}}"""),
                row("P2-14c", HANDOFF_CALL.replace("\"id\":\"item_123\",", "").replace(",\"call_id\":\"call_123\"", ""), NONE),
                row("P2-15", """
                        {"type":"conversation.item.done","item":{"id":"item_silent","type":"function_call","name":"remain_silent","call_id":"call_silent","arguments":"{}"}}""", """
                        {"NoopRequested":{"call_id":"call_silent","item_id":"item_silent"}}"""),
                row("P2-16", """
                        {"type":"conversation.item.done","item":{"id":"item_fn","type":"function_call","name":"lookup","call_id":"call_fn","arguments":"{}"}}""", """
                        {"ConversationItemDone":{"item_id":"item_fn"}}"""),
                row("P2-17", """
                        {"type":"conversation.item.done","item":{"id":"item_msg","type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]}}""", """
                        {"ConversationItemDone":{"item_id":"item_msg"}}"""),
                row("P2-18a", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\"}}",
                        "{\"ResponseCreated\":{\"response_id\":\"resp_1\"}}"),
                row("P2-18b", "{\"type\":\"response.created\",\"response_id\":\"resp_2\"}",
                        "{\"ResponseCreated\":{\"response_id\":\"resp_2\"}}"),
                row("P2-18c", "{\"type\":\"response.created\"}", "{\"ResponseCreated\":{\"response_id\":null}}"),
                row("P2-19", "{\"type\":\"response.cancelled\",\"response\":{\"id\":\"resp_1\"}}",
                        "{\"ResponseCancelled\":{\"response_id\":\"resp_1\"}}"),
                row("P2-20", """
                        {"type":"response.done","response":{"output":[{"type":"function_call","name":"background_agent","call_id":"call_x","arguments":"{\\"prompt\\":\\"x\\"}"}]}}""",
                        "{\"ResponseDone\":{\"response_id\":null}}"),
                row("P2-21a", "{\"type\":\"error\",\"message\":\"boom\"}", "{\"Error\":\"boom\"}"),
                row("P2-21b", "{\"type\":\"error\",\"error\":{\"message\":\"nested boom\"}}", "{\"Error\":\"nested boom\"}"),
                row("P2-21c", "{\"type\":\"error\",\"error\":{\"code\":\"x\"}}", "{\"Error\":\"{\\\"code\\\":\\\"x\\\"}\"}"),
                row("P2-21d", "{\"type\":\"error\"}", NONE),
                row("P2-22a", """
                        {"type":"conversation.handoff.requested","handoff_id":"h","item_id":"i","input_transcript":"t"}""", NONE),
                row("P2-22b", """
                        {"type":"conversation.output_audio.delta","delta":"AQID","sample_rate":24000,"channels":1}""", NONE),
                row("P2-22c", "{\"type\":\"conversation.input_transcript.delta\",\"delta\":\"x\"}", NONE),
                row("P2-22d", "{\"type\":\"conversation.output_transcript.delta\",\"delta\":\"x\"}", NONE),
                row("P2-22e", "{\"type\":\"conversation.input_transcript.turn_marked\",\"transcript\":\"x\"}", NONE),
                row("P2-22f", "{\"type\":\"rate_limits.updated\",\"rate_limits\":[]}", NONE));
    }

    static Stream<Arguments> arguments() {
        return Stream.of(
                Arguments.of("ARG-01", "{\"prompt\":\"delegate now\"}", "delegate now"),
                Arguments.of("ARG-02", "{\"prompt\":\"  padded  \"}", "padded"),
                Arguments.of("ARG-03", "{\"input\":\"   \",\"prompt\":\"b\"}", "b"),
                Arguments.of("ARG-04", "{\"query\":\"q\",\"text\":\"t\"}", "t"),
                Arguments.of("ARG-05", "{\"input_transcript\":\"x\",\"prompt\":\"y\"}", "x"),
                Arguments.of("ARG-06", "{\"prompt\":5}", "{\"prompt\":5}"),
                Arguments.of("ARG-07", "{}", "{}"),
                Arguments.of("ARG-08", "not json", "not json"),
                Arguments.of("ARG-09", "[\"a\"]", "[\"a\"]"),
                Arguments.of("ARG-10", "", ""),
                Arguments.of("ARG-11", null, ""));
    }

    private static Arguments row(String id, String input, String expected) {
        return Arguments.of(id, input, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1")
    void v1Parser(String id, String input, String expected) {
        check(V1.parse(input), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v2")
    void v2Parser(String id, String input, String expected) {
        check(V2.parse(input), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void toolArgumentExtraction(String id, String arguments, String expected) {
        String item = "{\"id\":\"item_1\",\"type\":\"function_call\",\"name\":\"background_agent\",\"call_id\":\"call_1\""
                + (arguments == null ? "" : ",\"arguments\":" + tools.jackson.databind.json.JsonMapper.builder().build()
                        .writeValueAsString(arguments)) + "}";
        RealtimeEvent event = V2.parse("{\"type\":\"conversation.item.done\",\"item\":" + item + "}").orElseThrow();
        assertEquals(expected, assertInstanceOf(RealtimeEvent.HandoffRequested.class, event).payload().inputTranscript());
    }

    private static void check(Optional<RealtimeEvent> actual, String expected) {
        if (expected.equals(NONE)) {
            assertEquals(Optional.empty(), actual);
        } else {
            assertEvent(expected, actual.orElseThrow(() -> new AssertionError("no event, expected " + expected)));
        }
    }
}
