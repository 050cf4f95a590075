package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own machinery over real loopback sockets (the benchmark numbers are only as good as
 * this): stamps survive the trip both ways, client frames are masked correctly, transcripts flow when asked.
 * Nothing here depends on timing; waits are bounded only so a broken generator fails instead of hanging.
 */
class GeneratorTest {

    @AfterEach
    void noPhase() {
        Measurement.current = null;
    }

    @Test
    void liveHeapLeavesTheJvmFillerArraysOut() {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          9548        5083664  [Ljdk.internal.vm.FillerElement; (java.base@25)
                   2:         17312        2213304  [B (java.base@25)
                   3:          6914         165936  java.lang.String (java.base@25)
                Total         33774        7462904
                """;

        assertThat(ServerProcess.histogramLiveBytes(histogram)).isEqualTo(2_213_304L + 165_936L);
        assertThat(ServerProcess.histogramLiveBytes("jcmd: no such process")).isEqualTo(-1);
    }

    @Test
    void aStampReadsBackFromItsBase64() {
        byte[] raw = new byte[18];
        byte[] stamp = new byte[Frames.STAMP_CHARS];
        Frames.stamp(42, 123_456_789_012_345L, raw, stamp);
        byte[] audio = (new String(stamp, StandardCharsets.US_ASCII) + Frames.SILENT_AUDIO.substring(Frames.STAMP_CHARS))
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(Frames.nanosAt(audio, 0, audio.length)).isEqualTo(123_456_789_012_345L);
        assertThat(Base64.getDecoder().decode(audio)).hasSize(Frames.FRAME_BYTES);
        assertThat(Frames.nanosAt("hello world, not audio".getBytes(StandardCharsets.US_ASCII), 0, 22)).isEqualTo(-1);
    }

    @Test
    void aMaskedTemplateUnmasksToTheMessageWithItsStampAndId() {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        FrameTemplate template = new FrameTemplate("{\"id\":\"" + FrameTemplate.ID + "\",\"audio\":\"" + FrameTemplate.AUDIO + "\"}", mask);

        byte[] frame = template.fill(7, 987_654_321L, 1234);

        int header = 4 + 4; // 16-bit length, then the masking key
        assertThat(frame[1] & 0x80).isEqualTo(0x80);
        byte[] payload = new byte[frame.length - header];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (frame[header + i] ^ mask[i & 3]);
        }
        String text = new String(payload, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{\"id\":\"0000001234\",\"audio\":\"");
        int audio = text.indexOf("\"audio\":\"") + 9;
        assertThat(Frames.nanosAt(payload, audio, payload.length)).isEqualTo(987_654_321L);
        assertThat(text.substring(audio, text.length() - 2)).hasSize(1280);
    }

    @Test
    void framesCrossTheFakeUpstreamBothWaysWithTheirScheduledStamps() throws Exception {
        try (Loop loop = new Loop(); Pacer pacer = new Pacer();
                FakeRealtimeUpstream upstream = new FakeRealtimeUpstream(loop, pacer, true)) {
            upstream.expect(1);
            BenchClient client = new BenchClient(Dialect.DIRECT, false);
            client.setUp(loop, upstream.port(), Dialect.DIRECT.path, 30_000);
            var transcript = client.expect(s -> s.contains("response.output_audio_transcript.delta"));
            Measurement measurement = new Measurement(System.nanoTime(), TimeUnit.HOURS.toNanos(1), 1);
            Measurement.current = measurement;

            pacer.start(client, System.nanoTime());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && loop.call(() -> measurement.input.received[0] < 5 || measurement.output.received[0] < 5)) {
                Thread.sleep(20);
            }
            assertThat(transcript.get(60, TimeUnit.SECONDS)).contains("\"delta\":\"hello \"");
            client.close();
            loop.call(() -> null);
            assertThat(measurement.input.received[0]).isGreaterThanOrEqualTo(5);
            assertThat(measurement.output.received[0]).isGreaterThanOrEqualTo(5);
            Samples in = Samples.merge(java.util.List.of(measurement.input.samples[0]));
            assertThat(in.quantileMs(0.0)).isGreaterThanOrEqualTo(0.0);
            assertThat(upstream.connections.get()).isEqualTo(1);
        }
    }
}
