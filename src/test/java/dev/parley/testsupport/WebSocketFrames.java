package dev.parley.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Minimal RFC 6455 framing for the test servers: unmasked server frames out, masked client frames in. */
final class WebSocketFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** One frame as read from the client. */
    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    private WebSocketFrames() {
    }

    static void write(OutputStream out, boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(10);
        header.write((fin ? 0x80 : 0) | opcode);
        int length = payload.length;
        if (length < 126) {
            header.write(length);
        } else if (length <= 0xFFFF) {
            header.write(126);
            header.write(length >>> 8);
            header.write(length);
        } else {
            header.write(127);
            long l = length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (l >>> shift));
            }
        }
        out.write(header.toByteArray());
        out.write(payload);
        out.flush();
    }

    static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.read();
        if (b0 < 0) {
            throw new EOFException();
        }
        int b1 = data.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] mask = new byte[4];
        boolean masked = (b1 & 0x80) != 0;
        if (masked) {
            data.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }
}
