package dev.parley.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Sizes the container's WebSocket buffers. Tomcat allocates them eagerly for every session, so they stay
 * small: {@code /rpc} receives partial messages and enforces {@code parley.rpc.max-message-bytes} itself,
 * which makes the text buffer only the chunk size. Endpoints that take whole messages (the simulator)
 * accept up to this size; Tomcat's 8 KiB default would close them with 1009 on a long session update.
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketContainerConfiguration {

    static final int TEXT_BUFFER_BYTES = 64 * 1024;
    static final int BINARY_BUFFER_BYTES = 8 * 1024;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_BYTES);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }
}
