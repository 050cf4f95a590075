package dev.parley.simulator;

import java.util.Base64;

/** Generates the simulator's "voice": a soft 440 Hz tone as base64 PCM16 little-endian mono 24 kHz chunks. */
final class ToneGenerator {

    static final int SAMPLE_RATE = 24_000;
    static final int CHUNK_MS = 20;
    static final int CHUNK_SAMPLES = SAMPLE_RATE * CHUNK_MS / 1000;
    private static final double FREQUENCY = 440;
    private static final double AMPLITUDE = 3_000;

    private long sampleIndex;

    /** The next 20 ms chunk. */
    String nextChunk() {
        byte[] pcm = new byte[CHUNK_SAMPLES * 2];
        for (int i = 0; i < CHUNK_SAMPLES; i++, sampleIndex++) {
            short sample = (short) (AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * sampleIndex / SAMPLE_RATE));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return Base64.getEncoder().encodeToString(pcm);
    }
}
