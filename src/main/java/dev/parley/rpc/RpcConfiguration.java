package dev.parley.rpc;

import dev.parley.config.RpcProperties;
import dev.parley.thread.ShutdownPhases;
import dev.parley.thread.ShutdownStep;
import dev.parley.thread.SubscriptionRegistry;
import dev.parley.thread.ThreadLanes;
import dev.parley.thread.ThreadService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the {@code /rpc} endpoint: dispatch table, dispatcher, notification router and the handler. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class RpcConfiguration {

    @Bean
    ConnectionRegistry connectionRegistry() {
        return new ConnectionRegistry();
    }

    @Bean
    RpcMessages rpcMessages(JsonMapper json) {
        return new RpcMessages(json);
    }

    @Bean
    RpcNotificationRouter rpcNotificationRouter(ConnectionRegistry connections, SubscriptionRegistry subscriptions,
            RpcMessages messages) {
        return new RpcNotificationRouter(connections, subscriptions, messages);
    }

    @Bean
    RpcMethodTable rpcMethodTable(List<RpcMethodGroup> groups) {
        RpcMethodTable table = new RpcMethodTable();
        groups.forEach(group -> group.register(table));
        return table;
    }

    @Bean
    RpcDispatcher rpcDispatcher(JsonMapper json, RpcMessages messages, RpcMethodTable table, ThreadLanes lanes,
            ThreadService threads, SubscriptionRegistry subscriptions,
            @Qualifier("parleyExecutor") ExecutorService executor, RpcProperties properties) {
        return new RpcDispatcher(json, messages, table, lanes, threads, subscriptions, executor,
                properties.maxInFlightRequests());
    }

    @Bean
    RpcWebSocketHandler rpcWebSocketHandler(RpcDispatcher dispatcher, ConnectionRegistry connections,
            SubscriptionRegistry subscriptions, RpcProperties properties) {
        return new RpcWebSocketHandler(dispatcher, connections, subscriptions, properties.maxMessageBytes(),
                properties.outboundQueueLimit(), properties.maxRealtimeConversations());
    }

    @Bean
    WebSocketConfigurer rpcEndpoint(RpcWebSocketHandler handler) {
        // Origin and token are checked by the servlet filter (with problem-detail bodies), so Spring's own
        // origin interceptor is opened up here rather than applying a second, different rule.
        return registry -> registry.addHandler(handler, "/rpc").setAllowedOriginPatterns("*");
    }

    /**
     * Graceful shutdown, after conversations and turns have ended: each client gets its last notifications,
     * then a Close frame (1001). The web server is still running, so the frames really go out.
     */
    @Bean
    ShutdownStep connectionShutdownStep(ConnectionRegistry connections,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new ShutdownStep("client connections", ShutdownPhases.CONNECTIONS, timeout, connections::closeAll);
    }
}
