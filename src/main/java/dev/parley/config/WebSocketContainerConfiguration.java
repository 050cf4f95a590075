package dev.parley.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Sizes the per-connection buffers of the container for realtime traffic: one WebSocket per client lives
 * as long as its conversation, so what the container allocates per socket is per-conversation memory.
 *
 * <p>Tomcat allocates the WebSocket message buffers eagerly for every session (a char buffer of the text
 * size, a byte buffer of the binary size). Every endpoint here receives partial messages and enforces its
 * own size limit ({@code /rpc}: {@code parley.rpc.max-message-bytes}; the simulator: 16 MiB), which makes
 * the text buffer only the chunk size, and the container never closes a socket with 1009 for size. 4 KiB
 * (an 8 KiB char buffer) holds a whole 20–40 ms audio frame message (1.5–3 KB) in one chunk; binary
 * messages are ignored, so their buffer is minimal. The socket's application read and write buffers
 * (8 KiB each by default) are halved for the same reason; larger messages take several reads or writes.
 * Tomcat's own WebSocket frame buffers (the frame read buffer, the write buffer and the encoder buffer of every
 * session, 8 KiB each) are sized by the system property {@value #TOMCAT_BUFFER_PROPERTY}, read once when
 * Tomcat's WebSocket classes initialise: it is set to 4 KiB before that ({@link #sizeTomcatBuffers()}, also
 * called from {@code main}) unless the user set it.
 *
 * <p>Tomcat keeps the socket buffers of closed connections in a pool (500 by default) for the next
 * connection. A realtime client holds its socket for a whole conversation, so that saves one allocation per
 * conversation but keeps the buffers of every conversation that ever ended; the pool is off, so memory
 * follows the live conversations.
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketContainerConfiguration {

    static final int TEXT_BUFFER_BYTES = 4 * 1024;
    static final int BINARY_BUFFER_BYTES = 1024;
    static final int SOCKET_BUFFER_BYTES = 4 * 1024;
    static final String TOMCAT_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int TOMCAT_FRAME_BUFFER_BYTES = 4 * 1024;

    static {
        sizeTomcatBuffers();
    }

    /** Sets {@value #TOMCAT_BUFFER_PROPERTY} unless already set; idempotent. */
    public static void sizeTomcatBuffers() {
        if (System.getProperty(TOMCAT_BUFFER_PROPERTY) == null) {
            System.setProperty(TOMCAT_BUFFER_PROPERTY, Integer.toString(TOMCAT_FRAME_BUFFER_BYTES));
        }
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_BYTES);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }

    @Bean
    TomcatConnectorCustomizer socketBufferSizes() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.bufferPool", "0");
        };
    }
}
