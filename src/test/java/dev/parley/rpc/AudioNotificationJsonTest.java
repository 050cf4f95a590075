package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.WireJson;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ThreadRealtimeAudioChunk;
import dev.parley.protocol.v2.ThreadRealtimeErrorNotification;
import dev.parley.protocol.v2.ThreadRealtimeOutputAudioDeltaNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The directly assembled output audio notification is, character for character, what Jackson writes. */
class AudioNotificationJsonTest {

    private static final JsonMapper JSON = WireJson.mapper();
    private static final RpcMessages MESSAGES = new RpcMessages(JSON);
    private static final long EMITTED = 1_765_000_000_123L;

    @Test
    void theReferenceIsWhatRpcMessagesWritesThroughJackson() {
        ThreadRealtimeErrorNotification error = new ThreadRealtimeErrorNotification("t1", "boom \"quoted\" é");
        assertThat(MESSAGES.notification(ProtocolRegistry.REALTIME_ERROR, error, EMITTED))
                .isEqualTo(jackson(ProtocolRegistry.REALTIME_ERROR.method(), error));
    }

    @Test
    void writesWhatJacksonWrites() {
        List<ThreadRealtimeOutputAudioDeltaNotification> cases = new ArrayList<>(List.of(
                delta("019ae4c0-1b2c-7d3e-8f40-123456789abc", "AAAA//8+", 24000, 1, 480, "item_1"),
                delta("t1", "", 0, 0, null, null),
                delta("t1", "AA==", -1, Integer.MAX_VALUE, Integer.MIN_VALUE, "<&>/'"),
                delta("needs \"escaping\"", "AA", 24000, 1, 480, null),
                delta("t1", "back\\slash", 24000, 1, 480, null),
                delta("t1", "AA", 24000, 1, 480, "caf\u00e9"),
                delta("t1", "tab\there", 24000, 1, 480, null),
                delta("t1", "del\u007f", 24000, 1, 480, "\ud83d\ude00"),
                delta("lone \ud800", "AA", 24000, 1, 480, null),
                new ThreadRealtimeOutputAudioDeltaNotification(null, null)));
        Random random = new Random(3);
        for (int n = 0; n < 2_000; n++) {
            cases.add(delta(randomText(random), randomText(random), random.nextInt(), random.nextInt(),
                    random.nextBoolean() ? null : random.nextInt(), random.nextBoolean() ? null : randomText(random)));
        }
        for (ThreadRealtimeOutputAudioDeltaNotification params : cases) {
            String method = ProtocolRegistry.REALTIME_OUTPUT_AUDIO_DELTA.method();
            assertThat(MESSAGES.notification(ProtocolRegistry.REALTIME_OUTPUT_AUDIO_DELTA, params, EMITTED))
                    .as(params.toString()).isEqualTo(jackson(method, params));
        }
    }

    @Test
    void takesTheDirectPathOnlyForStringsThatNeedNoEscaping() {
        String method = ProtocolRegistry.REALTIME_OUTPUT_AUDIO_DELTA.method();
        assertThat(AudioNotificationJson.write(method, delta("t1", "AAAA//8+", 24000, 1, 480, "item_1"), EMITTED))
                .isNotNull();
        assertThat(AudioNotificationJson.write(method, delta("t1", "AA", 24000, 1, null, null), EMITTED)).isNotNull();
        for (String odd : List.of("\"", "\\", "\t", "\u007f", "\u00e9", "\ud800", "\u2028")) {
            assertThat(AudioNotificationJson.write(method, delta("t" + odd, "AA", 1, 1, null, null), EMITTED)).isNull();
            assertThat(AudioNotificationJson.write(method, delta("t", "A" + odd, 1, 1, null, null), EMITTED)).isNull();
            assertThat(AudioNotificationJson.write(method, delta("t", "AA", 1, 1, null, odd), EMITTED)).isNull();
        }
    }

    private static ThreadRealtimeOutputAudioDeltaNotification delta(String threadId, String data, int sampleRate,
            int numChannels, Integer samplesPerChannel, String itemId) {
        return new ThreadRealtimeOutputAudioDeltaNotification(threadId,
                new ThreadRealtimeAudioChunk(data, sampleRate, numChannels, samplesPerChannel, itemId));
    }

    private static String randomText(Random random) {
        String alphabet = "ABCxyz019+/=-_ \"\\\t\n\u0001\u007f\u00e9\u20ac\ud83d\ude00";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 16)));
        }
        return text.toString();
    }

    /** The notification as the general path writes it: method, the params through the wire mapper, emittedAtMs. */
    private static String jackson(String method, Object params) {
        return "{\"method\":" + JSON.writeValueAsString(method) + ",\"params\":" + JSON.writeValueAsString(params)
                + ",\"emittedAtMs\":" + EMITTED + "}";
    }
}
