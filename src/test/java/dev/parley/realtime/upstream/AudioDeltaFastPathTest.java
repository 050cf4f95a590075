package dev.parley.realtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The output-audio fast path yields exactly the general parser's event, and leaves every other message to it. */
class AudioDeltaFastPathTest {

    private static final String PCM = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7"
            + "PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=";

    static Stream<String> v2Audio() {
        return Stream.of(
                "{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_1\",\"item_id\":\"item_1\","
                        + "\"output_index\":0,\"content_index\":0,\"delta\":\"" + PCM + "\"}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"}",
                "{\"type\":\"response.audio.delta\",\"delta\":\"AQID\",\"item_id\":\"i\",\"sample_rate\":24000,\"channels\":1}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"sample_rate\":48000,\"num_channels\":2,"
                        + "\"samples_per_channel\":480,\"item_id\":\"i\"}",
                "{\"delta\":\"AQID\",\"event_id\":\"e\",\"type\":\"response.output_audio.delta\"}",
                " { \"type\" : \"response.output_audio.delta\" , \"delta\" : \"AQ\\u0049D\" , \"meta\":{\"a\":[1,{\"b\":null}]} } ",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"\",\"channels\":70000}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"channels\":0,\"num_channels\":3}");
    }

    static Stream<String> v1Audio() {
        return Stream.of(
                "{\"type\":\"conversation.output_audio.delta\",\"delta\":\"AAA=\",\"sample_rate\":48000,\"channels\":1,"
                        + "\"samples_per_channel\":960}",
                "{\"type\":\"conversation.output_audio.delta\",\"data\":\"AAA=\",\"sample_rate\":24000,\"num_channels\":2}",
                "{\"type\":\"conversation.output_audio.delta\",\"delta\":\"AAA=\",\"data\":\"BBB=\",\"sample_rate\":24000,"
                        + "\"channels\":1,\"item_id\":\"ignored\"}");
    }

    /** Messages the fast path must leave to the general parser (whatever that makes of them). */
    static Stream<String> odd() {
        return Stream.of(
                "",
                "[]",
                "not json",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"} trailing",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"}{}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"delta\":\"BBBB\"}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":1}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":null}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"sample_rate\":-1}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"sample_rate\":24000.0}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"sample_rate\":3000000000}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"item_id\":7}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\"}",
                "{\"delta\":\"AQID\"}",
                "{\"type\":7,\"delta\":\"AQID\"}",
                "{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"hi\"}",
                "{\"type\":\"session.updated\",\"session\":{\"id\":\"s\"}}",
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"extra\":[1,2}");
    }

    @ParameterizedTest
    @MethodSource("v2Audio")
    void v2AudioMatchesTheGeneralParser(String json) {
        RealtimeEvent general = RealtimeV2EventParser.parse(json).orElseThrow();
        assertThat(general).isInstanceOf(RealtimeEvent.AudioOut.class);
        assertEquals(general, AudioDeltaFastPath.read(json, RealtimeConversationVersion.V2));
        assertEquals(Optional.of(general), RealtimeEventParser.forVersion(RealtimeConversationVersion.V2).parse(json));
    }

    @ParameterizedTest
    @MethodSource("v1Audio")
    void v1AudioMatchesTheGeneralParser(String json) {
        RealtimeEvent general = RealtimeV1EventParser.parse(json).orElseThrow();
        assertEquals(general, AudioDeltaFastPath.read(json, RealtimeConversationVersion.V1));
        assertEquals(Optional.of(general), RealtimeEventParser.forVersion(RealtimeConversationVersion.V1).parse(json));
    }

    @ParameterizedTest
    @MethodSource("odd")
    void oddInputFallsBackToTheGeneralParser(String json) {
        assertNull(AudioDeltaFastPath.read(json, RealtimeConversationVersion.V2));
        assertNull(AudioDeltaFastPath.read(json, RealtimeConversationVersion.V1));
        assertEquals(RealtimeV2EventParser.parse(json), RealtimeEventParser.forVersion(RealtimeConversationVersion.V2).parse(json));
        assertEquals(RealtimeV1EventParser.parse(json), RealtimeEventParser.forVersion(RealtimeConversationVersion.V1).parse(json));
    }

    @ParameterizedTest
    @MethodSource("v2Audio")
    void v2AudioIsNotV1Audio(String json) {
        assertNull(AudioDeltaFastPath.read(json, RealtimeConversationVersion.V1));
    }
}
