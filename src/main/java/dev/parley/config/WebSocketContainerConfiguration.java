package dev.parley.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Sizes the container's WebSocket buffers. Tomcat allocates them eagerly for every session (a char buffer
 * of the text size, a byte buffer of the binary size), so they stay small: every endpoint here receives
 * partial messages and enforces its own size limit ({@code /rpc}: {@code parley.rpc.max-message-bytes};
 * the simulator: 16 MiB), which makes the text buffer only the chunk size, and the container never closes
 * a socket with 1009 for size. 8 KiB (Tomcat's default, a 16 KiB char buffer) holds a whole 20 ms audio
 * frame message in one chunk; binary messages are ignored, so their buffer is minimal.
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketContainerConfiguration {

    static final int TEXT_BUFFER_BYTES = 8 * 1024;
    static final int BINARY_BUFFER_BYTES = 1024;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_BYTES);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }
}
