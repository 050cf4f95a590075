package dev.parley.rpc;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes one whole text message to a client, blocking until it is written (the connection's sender thread
 * calls it).
 *
 * <p>Through the standard API Tomcat encodes every outbound text message character by character (its UTF-8
 * encoder reads the string through a {@code CharBuffer} view that has no array); at one notification per audio
 * frame that was a visible share of the relay's CPU. On Tomcat the message is therefore encoded once by
 * {@link String#getBytes} (a plain array copy for the ASCII JSON Parley sends) and handed to the endpoint's
 * whole-frame block send, the step Tomcat's own {@code sendText} ends in. That entry point is not public API: it
 * is looked up once, and on any other container or Tomcat version the standard send is used.
 */
abstract sealed class TextFrameSender {

    private static final Logger log = LoggerFactory.getLogger(TextFrameSender.class);
    private static final byte OPCODE_TEXT = 1;
    /** {@code WsSession -> WsRemoteEndpointImplBase} and its {@code sendMessageBlock(byte, ByteBuffer, boolean)}. */
    private static final @Nullable MethodHandle TOMCAT_ENDPOINT;
    private static final @Nullable MethodHandle TOMCAT_SEND_BLOCK;
    private static final @Nullable Class<?> TOMCAT_SESSION;

    static {
        MethodHandle endpoint = null;
        MethodHandle send = null;
        Class<?> sessionType = null;
        try {
            ClassLoader loader = TextFrameSender.class.getClassLoader();
            sessionType = Class.forName("org.apache.tomcat.websocket.WsSession", false, loader);
            Class<?> endpointType = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase", false, loader);
            endpoint = MethodHandles.privateLookupIn(sessionType, MethodHandles.lookup())
                    .findGetter(sessionType, "wsRemoteEndpoint", endpointType)
                    .asType(MethodType.methodType(Object.class, Object.class));
            send = MethodHandles.privateLookupIn(endpointType, MethodHandles.lookup()).findVirtual(endpointType,
                    "sendMessageBlock", MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte.class, ByteBuffer.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("Tomcat's block send is not available, outbound text goes through the standard API: {}", e.toString());
            endpoint = null;
            send = null;
            sessionType = null;
        }
        TOMCAT_ENDPOINT = endpoint;
        TOMCAT_SEND_BLOCK = send;
        TOMCAT_SESSION = sessionType;
    }

    /** The sender for {@code session}: Tomcat's block send where available, the standard API otherwise. */
    static TextFrameSender of(WebSocketSession session) {
        if (TOMCAT_SEND_BLOCK != null && session instanceof NativeWebSocketSession nativeSession) {
            Object raw = nativeSession.getNativeSession();
            if (TOMCAT_SESSION.isInstance(raw)) {
                try {
                    return new TomcatBlock((Object) TOMCAT_ENDPOINT.invokeExact(raw));
                } catch (Throwable e) {
                    log.debug("Tomcat's endpoint is not reachable, using the standard send: {}", e.toString());
                }
            }
        }
        return new Standard(session);
    }

    /** Writes {@code text} as one text message; lone surrogates must already be replaced. */
    abstract void send(String text) throws IOException;

    /** Whether this sender encodes the text itself and hands Tomcat bytes. */
    abstract boolean preEncoded();

    private static final class Standard extends TextFrameSender {

        private final WebSocketSession session;

        Standard(WebSocketSession session) {
            this.session = session;
        }

        @Override
        void send(String text) throws IOException {
            session.sendMessage(new TextMessage(text));
        }

        @Override
        boolean preEncoded() {
            return false;
        }
    }

    private static final class TomcatBlock extends TextFrameSender {

        private final Object endpoint;

        TomcatBlock(Object endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        void send(String text) throws IOException {
            ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            try {
                TOMCAT_SEND_BLOCK.invokeExact(endpoint, OPCODE_TEXT, payload, true);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException(e);
            }
        }

        @Override
        boolean preEncoded() {
            return true;
        }
    }
}
