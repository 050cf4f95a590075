package dev.parley.simulator;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's WebSocket endpoint: speaks V1 ("quicksilver") when the URL has {@code intent=quicksilver},
 * otherwise V2. One {@link SimulatedConversation} per connection.
 */
final class RealtimeSimulatorHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RealtimeSimulatorHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Like the real API, the simulator refuses messages beyond this size (it closes with 1009). */
    static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

    private final SimulatorScript script;
    private final Map<String, SimulatedConversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, StringBuilder> partials = new ConcurrentHashMap<>();

    RealtimeSimulatorHandler(SimulatorScript script) {
        this.script = script;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String query = session.getUri() == null ? null : session.getUri().getRawQuery();
        boolean quicksilver = query != null && ("&" + query + "&").contains("&intent=quicksilver&");
        SimulatedConversation conversation = new SimulatedConversation(quicksilver, new LockedSink(session), script);
        conversations.put(session.getId(), conversation);
        log.debug("simulator connection {} ({})", session.getId(), quicksilver ? "v1" : "v2");
        conversation.opened();
    }

    /** Partial messages keep the container's per-session buffer small whatever the message size. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        String text = message.getPayload();
        StringBuilder partial = partials.get(session.getId());
        if (!message.isLast() || partial != null) {
            partial = partials.computeIfAbsent(session.getId(), id -> new StringBuilder());
            if (partial.length() + text.length() > MAX_MESSAGE_CHARS) {
                partials.remove(session.getId());
                session.close(CloseStatus.TOO_BIG_TO_PROCESS);
                return;
            }
            partial.append(text);
            if (!message.isLast()) {
                return;
            }
            partials.remove(session.getId());
            text = partial.toString();
        }
        SimulatedConversation conversation = conversations.get(session.getId());
        if (conversation != null) {
            conversation.onText(text);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        partials.remove(session.getId());
        SimulatedConversation conversation = conversations.remove(session.getId());
        if (conversation != null) {
            conversation.closed();
        }
    }

    /** Serialises sends: a Spring WebSocket session allows one sender at a time. */
    private static final class LockedSink implements SimulatedConversation.EventSink {
        private final WebSocketSession session;
        private final ReentrantLock lock = new ReentrantLock();

        LockedSink(WebSocketSession session) {
            this.session = session;
        }

        @Override
        public void send(ObjectNode event) {
            lock.lock();
            try {
                if (session.isOpen()) {
                    session.sendMessage(new TextMessage(JSON.writeValueAsString(event)));
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("simulator could not send to {}: {}", session.getId(), e.getMessage());
            } finally {
                lock.unlock();
            }
        }
    }
}
