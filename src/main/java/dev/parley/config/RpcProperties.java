package dev.parley.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the JSON-RPC endpoint and of the per-thread operation queues ({@code parley.rpc.*}).
 *
 * @param maxMessageBytes largest inbound WebSocket message and REST body, in UTF-8 bytes
 * @param outboundQueueLimit per-connection outbound queue bound, in messages; a connection past it is closed
 * @param maxInFlightRequests unanswered requests per connection before {@code -32001}
 * @param threadQueueLimit pending thread-scoped operations per thread before {@code -32001}
 * @param maxRealtimeConversations realtime conversations one connection may have started and still running;
 *     a start beyond it is refused with {@code -32600}
 */
@ConfigurationProperties("parley.rpc")
public record RpcProperties(
        @DefaultValue("1048576") int maxMessageBytes,
        @DefaultValue("4096") int outboundQueueLimit,
        @DefaultValue("256") int maxInFlightRequests,
        @DefaultValue("1024") int threadQueueLimit,
        @DefaultValue("16") int maxRealtimeConversations) {
}
