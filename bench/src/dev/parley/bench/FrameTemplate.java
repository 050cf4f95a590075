package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/**
 * One stream's audio message as a ready WebSocket frame (masked when the sender is a client): per tick only
 * the 24 stamp characters, and the request id when there is one, are rewritten in place. No allocation
 * and no JSON serialisation per frame, so the generator stays cheap next to what it measures.
 */
final class FrameTemplate {

    /** Where the audio goes in a template's text. */
    static final String AUDIO = "\u0000AUDIO\u0000";
    /** A ten-digit request id (a JSON string's content); as long as the digits, so offsets do not move. */
    static final String ID = "\u0000ID\u0000\u0000\u0000\u0000\u0000\u0000\u0000";
    private static final int ID_DIGITS = 10;

    private final byte[] frame;
    private final byte[] mask;
    private final int payloadStart;
    private final int audioAt;
    private final int idAt;
    private final byte[] raw = new byte[18];
    private final byte[] stamp = new byte[Frames.STAMP_CHARS];
    private final byte[] digits = new byte[ID_DIGITS];

    FrameTemplate(String text, byte[] mask) {
        int audio = text.indexOf(AUDIO);
        String withAudio = text.replace(AUDIO, Frames.SILENT_AUDIO);
        int id = withAudio.indexOf(ID);
        String payload = withAudio.replace(ID, "0".repeat(ID_DIGITS));
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        this.frame = WsCodec.frame(0x1, bytes, mask);
        this.mask = mask;
        this.payloadStart = frame.length - bytes.length;
        this.audioAt = audio;
        this.idAt = id;
    }

    /** The frame for one tick (valid until the next call). */
    byte[] fill(long seq, long scheduledNanos, long requestId) {
        Frames.stamp(seq, scheduledNanos, raw, stamp);
        put(audioAt, stamp, Frames.STAMP_CHARS);
        if (idAt >= 0) {
            long n = requestId;
            for (int i = ID_DIGITS - 1; i >= 0; i--) {
                digits[i] = (byte) ('0' + (n % 10));
                n /= 10;
            }
            put(idAt, digits, ID_DIGITS);
        }
        return frame;
    }

    private void put(int payloadOffset, byte[] src, int len) {
        int at = payloadStart + payloadOffset;
        if (mask == null) {
            System.arraycopy(src, 0, frame, at, len);
        } else {
            for (int i = 0; i < len; i++) {
                frame[at + i] = (byte) (src[i] ^ mask[(payloadOffset + i) & 3]);
            }
        }
    }
}
