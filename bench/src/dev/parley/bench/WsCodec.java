package dev.parley.bench;

/** RFC 6455 framing and byte search, shared by the generator's connections and its frame templates. */
final class WsCodec {

    private WsCodec() {
    }

    static int indexOf(byte[] a, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A whole frame: header, then the payload masked with {@code mask} when it is not null. */
    static byte[] frame(int opcode, byte[] payload, byte[] mask) {
        int len = payload.length;
        int header = (len < 126 ? 2 : len < 65536 ? 4 : 10) + (mask == null ? 0 : 4);
        byte[] frame = new byte[header + len];
        frame[0] = (byte) (0x80 | opcode);
        int maskBit = mask == null ? 0 : 0x80;
        if (len < 126) {
            frame[1] = (byte) (maskBit | len);
        } else if (len < 65536) {
            frame[1] = (byte) (maskBit | 126);
            frame[2] = (byte) (len >> 8);
            frame[3] = (byte) len;
        } else {
            frame[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) len >> (8 * (7 - i)));
            }
        }
        if (mask != null) {
            System.arraycopy(mask, 0, frame, header - 4, 4);
            for (int i = 0; i < len; i++) {
                frame[header + i] = (byte) (payload[i] ^ mask[i & 3]);
            }
        } else {
            System.arraycopy(payload, 0, frame, header, len);
        }
        return frame;
    }
}
