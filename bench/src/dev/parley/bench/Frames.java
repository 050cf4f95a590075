package dev.parley.bench;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The audio frames of the benchmark: 20 ms of PCM16 24 kHz mono (960 bytes, 1,280 base64 characters)
 * whose first 16 bytes carry a sequence number and the sender's {@code System.nanoTime()} (a system-wide
 * monotonic clock on Linux, so two processes on one machine can compare it). Output frames carry the same
 * pair in their item id, which Parley relays unchanged.
 */
final class Frames {

    static final int FRAME_BYTES = 960;
    static final long FRAME_NANOS = 20_000_000L;
    private static final byte[] SILENCE_TAIL = new byte[FRAME_BYTES - 16];

    private static volatile long windowStart = Long.MAX_VALUE;
    private static volatile long windowEnd = Long.MAX_VALUE;

    private Frames() {
    }

    /** Opens the measured window: frames stamped from now on count. */
    static void openWindow() {
        windowEnd = Long.MAX_VALUE;
        windowStart = System.nanoTime();
    }

    /** Closes it: frames stamped from now on do not count, frames stamped before still do when they arrive. */
    static void closeWindow() {
        windowEnd = System.nanoTime();
    }

    static void resetWindow() {
        windowStart = Long.MAX_VALUE;
        windowEnd = Long.MAX_VALUE;
    }

    /** Whether a frame stamped at {@code nanos} belongs to the measured window. */
    static boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < windowEnd;
    }

    static String audio(long seq, long nanos) {
        ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES);
        frame.putLong(seq).putLong(nanos).put(SILENCE_TAIL);
        return Base64.getEncoder().encodeToString(frame.array());
    }

    /** The send time stamped into a base64 audio payload that starts at {@code start} in {@code json}. */
    static long nanosFromAudio(String json, int start) {
        byte[] head = Base64.getDecoder().decode(json.substring(start, start + 24));
        return ByteBuffer.wrap(head, 8, 8).getLong();
    }

    static String itemId(long seq, long nanos) {
        return "b_" + seq + "_" + nanos;
    }

    /** The send time in an item id {@code b_<seq>_<nanos>} starting at {@code start}; -1 when absent. */
    static long nanosFromItemId(String json, int start) {
        int second = json.indexOf('_', json.indexOf('_', start) + 1);
        int end = json.indexOf('"', second);
        return second < 0 || end < 0 ? -1 : Long.parseLong(json, second + 1, end, 10);
    }
}
