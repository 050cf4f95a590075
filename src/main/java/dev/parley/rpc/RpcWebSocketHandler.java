package dev.parley.rpc;

import dev.parley.thread.SubscriptionRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The {@code /rpc} endpoint. It receives partial text messages so that it can count bytes and stop
 * buffering at {@code parley.rpc.max-message-bytes} itself (the container never closes the socket for
 * size), and hands each whole message to the {@link RpcDispatcher} in arrival order.
 */
public final class RpcWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RpcWebSocketHandler.class);
    private static final long BINARY_WARNING_INTERVAL_NANOS = 60_000_000_000L;
    private static final long INBOUND_PACING_TIMEOUT_NANOS = 10_000_000_000L;

    private final RpcDispatcher dispatcher;
    private final ConnectionRegistry connections;
    private final SubscriptionRegistry subscriptions;
    private final int maxMessageBytes;
    private final int outboundQueueLimit;
    private final int maxRealtimeConversations;
    private final Map<String, RpcConnection> bySession = new ConcurrentHashMap<>();
    private final Map<String, Long> lastBinaryWarning = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public RpcWebSocketHandler(RpcDispatcher dispatcher, ConnectionRegistry connections,
            SubscriptionRegistry subscriptions, int maxMessageBytes, int outboundQueueLimit,
            int maxRealtimeConversations) {
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.maxMessageBytes = maxMessageBytes;
        this.outboundQueueLimit = outboundQueueLimit;
        this.maxRealtimeConversations = maxRealtimeConversations;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String id = "c" + sequence.incrementAndGet();
        RpcConnection connection = new RpcConnection(id, session, outboundQueueLimit,
                new ConversationQuota(maxRealtimeConversations), this::disconnected);
        // before Tomcat reads the first frame: this runs inside its upgrade, on the thread that then starts reading
        connection.unmasksFast(installFastUnmasking(session));
        bySession.put(session.getId(), connection);
        connections.add(connection);
        connection.start();
        log.debug("connection {} opened from {}", id, session.getRemoteAddress());
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        RpcConnection connection = bySession.get(session.getId());
        if (connection == null || connection.isClosed()) {
            return;
        }
        String whole = connection.appendInbound(message.getPayload(), message.isLast(), maxMessageBytes);
        if (whole == null) {
            return;
        }
        connection.awaitOutboundRoom(INBOUND_PACING_TIMEOUT_NANOS);
        if (connection.lastInboundOversized()) {
            dispatcher.oversized(connection, maxMessageBytes);
        } else {
            dispatcher.dispatch(connection, whole);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        long now = System.nanoTime();
        Long last = lastBinaryWarning.get(session.getId());
        if (message.isLast() && (last == null || now - last >= BINARY_WARNING_INTERVAL_NANOS)) {
            lastBinaryWarning.put(session.getId(), now);
            RpcConnection connection = bySession.get(session.getId());
            log.warn("connection {} sent a binary message; binary messages are ignored",
                    connection == null ? session.getId() : connection.id());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on session {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        lastBinaryWarning.remove(session.getId());
        RpcConnection connection = bySession.remove(session.getId());
        if (connection != null) {
            connection.closedByPeer();
            log.debug("connection {} closed: {}", connection.id(), status);
        }
    }

    private static boolean installFastUnmasking(WebSocketSession session) {
        try {
            return TomcatUnmasking.install(session);
        } catch (LinkageError e) {
            // not on Tomcat: its reader unmasks as it does
            return false;
        }
    }

    private void disconnected(RpcConnection connection) {
        connections.remove(connection);
        subscriptions.removeConnection(connection.id());
    }
}
