package dev.parley.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the WAV Chromium's fake microphone plays ({@code --use-file-for-fake-audio-capture}): silence and
 * speech-like bursts (a gliding voiced tone with harmonics, modulated at a syllable rate), loud enough for
 * the simulator's energy-based speech detector whatever the browser's audio processing does to them.
 */
final class SpeechWav {

    static final int SAMPLE_RATE = 48_000;

    /** One part of the recording. */
    record Segment(double seconds, boolean speech) {
        static Segment silence(double seconds) {
            return new Segment(seconds, false);
        }

        static Segment speech(double seconds) {
            return new Segment(seconds, true);
        }
    }

    private SpeechWav() {
    }

    static void write(Path file, List<Segment> segments) throws IOException {
        int total = segments.stream().mapToInt(s -> (int) Math.round(s.seconds() * SAMPLE_RATE)).sum();
        ByteBuffer pcm = ByteBuffer.allocate(total * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (Segment segment : segments) {
            int samples = (int) Math.round(segment.seconds() * SAMPLE_RATE);
            double phase = 0;
            for (int i = 0; i < samples; i++) {
                double value = 0;
                if (segment.speech()) {
                    double t = (double) i / SAMPLE_RATE;
                    double pitch = 140 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
                    phase += 2 * Math.PI * pitch / SAMPLE_RATE;
                    double voiced = 0;
                    for (int harmonic = 1; harmonic <= 8; harmonic++) {
                        voiced += Math.sin(harmonic * phase) / harmonic;
                    }
                    double syllables = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
                    double fade = Math.min(1, Math.min(t, segment.seconds() - t) / 0.02);
                    value = 0.35 * voiced * syllables * fade;
                }
                pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, value)) * 32767));
            }
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + pcm.capacity()).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(pcm.capacity());
        byte[] bytes = new byte[44 + pcm.capacity()];
        System.arraycopy(header.array(), 0, bytes, 0, 44);
        System.arraycopy(pcm.array(), 0, bytes, 44, pcm.capacity());
        Files.write(file, bytes);
    }
}
