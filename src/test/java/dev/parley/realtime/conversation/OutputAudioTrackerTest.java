package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.realtime.upstream.UpstreamMessage.Truncate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.13: output-audio tracking and the barge-in truncate. */
class OutputAudioTrackerTest {

    private final OutputAudioTracker tracker = new OutputAudioTracker();

    private static RealtimeAudioFrame frame(String item, Integer samples) {
        return new RealtimeAudioFrame("AQID", 24_000, 1, samples, item);
    }

    private static RealtimeAudioFrame data(String item, String base64, int channels) {
        return new RealtimeAudioFrame(base64, 24_000, channels, null, item);
    }

    @Test
    void oat01_samplesPerChannel() {
        tracker.onAudioOut(frame("item_a", 4800));
        assertThat(tracker.onSpeechStarted()).contains(new Truncate("item_a", 200));
    }

    @Test
    void oat02_oat03_lengthFromTheData() {
        String zeros960 = "A".repeat(1280);
        tracker.onAudioOut(data("item_a", zeros960, 1));
        assertThat(tracker.onSpeechStarted()).contains(new Truncate("item_a", 20));
        tracker.onAudioOut(data("item_a", zeros960, 2));
        assertThat(tracker.onSpeechStarted()).contains(new Truncate("item_a", 10));
    }

    @Test
    void oat04_perFrameFloor() {
        for (int i = 0; i < 3; i++) {
            tracker.onAudioOut(frame("item_a", 100));
        }
        assertThat(tracker.onSpeechStarted()).contains(new Truncate("item_a", 12));
    }

    @Test
    void oat05_newItemReplaces() {
        tracker.onAudioOut(frame("item_a", 4800));
        tracker.onAudioOut(frame("item_b", 2400));
        assertThat(tracker.onSpeechStarted()).contains(new Truncate("item_b", 100));
    }

    @Test
    void oat06_oat07_unmeasurableFramesAreSkipped() {
        tracker.onAudioOut(frame(null, 4800));
        assertThat(tracker.onSpeechStarted()).isEmpty();
        tracker.onAudioOut(data("item_a", "@@@", 1));
        assertThat(tracker.onSpeechStarted()).isEmpty();
    }

    @Test
    void oat08_oneTruncateOnly() {
        tracker.onAudioOut(frame("item_a", 4800));
        assertThat(tracker.onSpeechStarted()).isPresent();
        assertThat(tracker.onSpeechStarted()).isEmpty();
    }

    @Test
    void oat09_clearedByTheEndOfAResponseOrAToolCall() {
        tracker.onAudioOut(frame("item_a", 4800));
        tracker.clear();
        assertThat(tracker.onSpeechStarted()).isEqualTo(Optional.empty());
    }

    @Test
    void oat11_saturatesAtUnsigned32() {
        tracker.onAudioOut(new RealtimeAudioFrame("AQID", 1, 1, Integer.MAX_VALUE, "item_a"));
        tracker.onAudioOut(new RealtimeAudioFrame("AQID", 1, 1, Integer.MAX_VALUE, "item_a"));
        assertThat(tracker.onSpeechStarted()).contains(new Truncate("item_a", 4_294_967_295L));
    }
    @Test
    void decodedLengthAgreesWithTheJdkDecoderWithoutDecoding() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ @";
        java.util.List<String> inputs = new java.util.ArrayList<>(java.util.List.of("", "=", "==", "QQ", "QQ=", "QQ==",
                "QUI", "QUI=", "QUJD", "QUJD=", "A===", "QUJDRA", "QU JD", "QUJD\n"));
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            String valid = java.util.Base64.getEncoder().encodeToString(bytes);
            inputs.add(valid);
            inputs.add(valid.replace("=", ""));
            StringBuilder noise = new StringBuilder(valid);
            if (!noise.isEmpty()) {
                noise.setCharAt(random.nextInt(noise.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(noise.toString());
        }
        for (String input : inputs) {
            long expected;
            try {
                expected = java.util.Base64.getDecoder().decode(input).length;
            } catch (IllegalArgumentException e) {
                expected = 0;
            }
            assertThat(OutputAudioTracker.decodedLength(input)).as(input).isEqualTo(expected);
        }
    }
}
