package dev.parley.bench;

import java.util.Arrays;
import java.util.Base64;

/**
 * The audio frames of the benchmark: 20 ms of PCM16 24 kHz mono (960 bytes, 1,280 base64 characters) whose
 * first 16 bytes carry a sequence number and the frame's <em>scheduled</em> send time
 * ({@code System.nanoTime()} of the generator JVM, which also receives every frame). Every relay passes the
 * audio through unchanged, so the stamp survives in both directions; only the first 24 base64 characters
 * (18 bytes) ever change.
 */
final class Frames {

    static final int FRAME_BYTES = 960;
    static final long FRAME_NANOS = 20_000_000L;
    static final int PER_SECOND = 50;
    static final int STAMP_CHARS = 24;
    static final String SILENT_AUDIO = Base64.getEncoder().encodeToString(new byte[FRAME_BYTES]);

    private static final byte[] DECODE = new byte[128];

    static {
        Arrays.fill(DECODE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Frames() {
    }

    /** Writes the 24 base64 characters that encode {@code seq} and {@code nanos} (and two zero bytes) into {@code out}. */
    static void stamp(long seq, long nanos, byte[] raw18, byte[] out24) {
        for (int i = 0; i < 8; i++) {
            raw18[i] = (byte) (seq >>> (56 - 8 * i));
            raw18[8 + i] = (byte) (nanos >>> (56 - 8 * i));
        }
        raw18[16] = 0;
        raw18[17] = 0;
        Base64.getEncoder().encode(raw18, out24);
    }

    /** The scheduled time stamped into base64 audio starting at {@code off}; -1 if the characters are not a stamp. */
    static long nanosAt(byte[] buf, int off, int end) {
        if (end - off < STAMP_CHARS) {
            return -1;
        }
        long nanos = 0;
        int bits = 0;
        long acc = 0;
        int produced = 0;
        for (int i = 0; i < 22; i++) {
            int c = buf[off + i];
            int v = c >= 0 && c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                return -1;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                int b = (int) (acc >>> bits) & 0xFF;
                if (produced >= 8 && produced < 16) {
                    nanos = (nanos << 8) | b;
                }
                produced++;
                if (produced == 16) {
                    return nanos;
                }
            }
        }
        return -1;
    }
}
