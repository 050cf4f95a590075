package dev.parley.rpc;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.tomcat.websocket.MessagePart;
import org.apache.tomcat.websocket.Transformation;
import org.apache.tomcat.websocket.TransformationResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Unmasks a client's frames eight bytes at a time instead of Tomcat's one at a time.
 *
 * <p>Every client frame is masked (RFC 6455 §5.3), and Tomcat's reader unmasks it byte by byte, writing a
 * {@code volatile} counter after every byte; at one audio frame (about 1.4 KB) per 20 ms per conversation that
 * loop was the largest single item of the relay's CPU profile. This class replaces the reader's final
 * transformation, for a connection without extensions only, with one that does exactly the same (same fields, same
 * results) over the buffers' arrays, a {@code long} at a time, and writes the counter once per call; buffers
 * without an array go to Tomcat's own. Tomcat's reader is not public API: its parts are looked up once, and where
 * anything differs (another container or Tomcat version, an extension negotiated) the connection keeps Tomcat's
 * unmasking.
 */
final class TomcatUnmasking {

    private static final Logger log = LoggerFactory.getLogger(TomcatUnmasking.class);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final @Nullable Internals INTERNALS = Internals.find();

    private TomcatUnmasking() {
    }

    /**
     * Installs the fast unmasking on {@code session}'s frame reader; returns whether it did. Call it before the
     * first frame is read (from {@code afterConnectionEstablished}, which Tomcat runs before it reads).
     */
    static boolean install(WebSocketSession session) {
        if (INTERNALS == null || !(session instanceof NativeWebSocketSession nativeSession)) {
            return false;
        }
        try {
            return INTERNALS.install(nativeSession.getNativeSession());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Tomcat's frame reader not reachable, keeping its unmasking: {}", e.toString());
            return false;
        }
    }

    /** The reflective path from a Tomcat {@code WsSession} to its frame reader's unmasking state. */
    private record Internals(Class<?> sessionType, Field endpoint, Field connection, Field upgradeHandler,
            Field frame, Field transformation, Class<?> unmaskType, Field input, Field mask, VarHandle maskIndex,
            VarHandle payloadLength, VarHandle payloadWritten) {

        static @Nullable Internals find() {
            try {
                ClassLoader loader = TomcatUnmasking.class.getClassLoader();
                Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession", false, loader);
                Class<?> server = Class.forName("org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer", false, loader);
                Class<?> processor = Class.forName("org.apache.coyote.http11.upgrade.UpgradeProcessorInternal", false, loader);
                Class<?> handler = Class.forName("org.apache.tomcat.websocket.server.WsHttpUpgradeHandler", false, loader);
                Class<?> base = Class.forName("org.apache.tomcat.websocket.WsFrameBase", false, loader);
                Class<?> unmask = Class.forName("org.apache.tomcat.websocket.WsFrameBase$UnmaskTransformation", false, loader);
                MethodHandles.Lookup frames = MethodHandles.privateLookupIn(base, MethodHandles.lookup());
                Internals found = new Internals(session, open(session, "wsRemoteEndpoint"), open(server, "connection"),
                        open(processor, "internalHttpUpgradeHandler"), open(handler, "wsFrame"),
                        open(base, "transformation"), unmask, open(base, "inputBuffer"), open(base, "mask"),
                        frames.findVarHandle(base, "maskIndex", int.class),
                        frames.findVarHandle(base, "payloadLength", long.class),
                        frames.findVarHandle(base, "payloadWritten", long.class));
                if (found.input.getType() != ByteBuffer.class || found.mask.getType() != byte[].class) {
                    return null;
                }
                return found;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.debug("Tomcat's frame reader is not as expected, keeping its unmasking: {}", e.toString());
                return null;
            }
        }

        private static Field open(Class<?> type, String name) throws NoSuchFieldException {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }

        boolean install(Object nativeSession) throws ReflectiveOperationException {
            if (!sessionType.isInstance(nativeSession)) {
                return false;
            }
            Object reader = frame.get(upgradeHandler.get(connection.get(endpoint.get(nativeSession))));
            if (reader == null) {
                return false;
            }
            Object current = transformation.get(reader);
            // an extension (permessage-deflate) sits in front of the unmasking: leave such a chain alone
            if (current == null || current.getClass() != unmaskType) {
                return false;
            }
            transformation.set(reader, new Unmask(this, reader, (Transformation) current,
                    (ByteBuffer) input.get(reader), (byte[]) mask.get(reader)));
            return true;
        }
    }

    /** Tomcat's unmasking, a {@code long} at a time; {@code tomcat} does everything else and any unusual buffer. */
    private static final class Unmask implements Transformation {

        private final Internals fields;
        private final Object reader;
        private final Transformation tomcat;
        private final ByteBuffer input;
        private final byte[] mask;

        Unmask(Internals fields, Object reader, Transformation tomcat, ByteBuffer input, byte[] mask) {
            this.fields = fields;
            this.reader = reader;
            this.tomcat = tomcat;
            this.input = input;
            this.mask = mask;
        }

        @Override
        public TransformationResult getMoreData(byte opCode, boolean fin, int rsv, ByteBuffer dest) throws IOException {
            if (!input.hasArray() || !dest.hasArray() || dest.isReadOnly()) {
                return tomcat.getMoreData(opCode, fin, rsv, dest);
            }
            long length = (long) fields.payloadLength.get(reader);
            long written = (long) fields.payloadWritten.getVolatile(reader);
            int n = (int) Math.min(length - written, Math.min(input.remaining(), dest.remaining()));
            if (n > 0) {
                int index = (int) fields.maskIndex.get(reader);
                byte[] src = input.array();
                int from = input.arrayOffset() + input.position();
                byte[] dst = dest.array();
                int to = dest.arrayOffset() + dest.position();
                // the four mask bytes starting at the current index, twice, as one little-endian long
                long key = 0;
                for (int k = 7; k >= 0; k--) {
                    key = (key << 8) | (mask[(index + k) & 3] & 0xFFL);
                }
                int i = 0;
                for (; i + Long.BYTES <= n; i += Long.BYTES) {
                    LONGS.set(dst, to + i, (long) LONGS.get(src, from + i) ^ key);
                }
                for (; i < n; i++) {
                    dst[to + i] = (byte) (src[from + i] ^ mask[(index + i) & 3]);
                }
                input.position(input.position() + n);
                dest.position(dest.position() + n);
                fields.maskIndex.set(reader, (index + n) & 3);
                written += n;
                fields.payloadWritten.setVolatile(reader, written);
            }
            if (written == length) {
                return TransformationResult.END_OF_FRAME;
            }
            return input.hasRemaining() ? TransformationResult.OVERFLOW : TransformationResult.UNDERFLOW;
        }

        @Override
        public void setNext(Transformation t) {
            tomcat.setNext(t);
        }

        @Override
        public boolean validateRsvBits(int i) {
            return tomcat.validateRsvBits(i);
        }

        @Override
        public jakarta.websocket.Extension getExtensionResponse() {
            return tomcat.getExtensionResponse();
        }

        @Override
        public boolean validateRsv(int rsv, byte opCode) {
            return tomcat.validateRsv(rsv, opCode);
        }

        @Override
        public List<MessagePart> sendMessagePart(List<MessagePart> messageParts) throws IOException {
            return tomcat.sendMessagePart(messageParts);
        }

        @Override
        public void close() {
            tomcat.close();
        }
    }
}
