package dev.parley.rpc;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.SubscriptionRegistry;

/**
 * Fans notifications out to connections: serialised once with one {@code emittedAtMs}, then filtered per
 * recipient by its opt-outs and, for {@code thread/realtime/event}, by its {@code realtimeEvents} flag.
 * Enqueueing never blocks; a recipient past its outbound bound is closed without affecting the others.
 */
public final class RpcNotificationRouter implements NotificationPublisher {

    private final ConnectionRegistry connections;
    private final SubscriptionRegistry subscriptions;
    private final RpcMessages messages;

    public RpcNotificationRouter(ConnectionRegistry connections, SubscriptionRegistry subscriptions,
            RpcMessages messages) {
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.messages = messages;
    }

    @Override
    public <P extends Record> void broadcast(NotificationMethod<P> method, P params) {
        String message = messages.notification(method, params, System.currentTimeMillis());
        for (RpcConnection connection : connections.all()) {
            connection.sendNotification(method.method(), false, message);
        }
    }

    @Override
    public <P extends Record> void toSubscribers(String threadId, NotificationMethod<P> method, P params) {
        boolean realtimeEvent = method == ProtocolRegistry.REALTIME_EVENT;
        // serialised at most once, and only when some subscriber takes it (most do not take the event stream)
        String message = null;
        long emittedAtMs = System.currentTimeMillis();
        for (String connectionId : subscriptions.subscribers(threadId)) {
            RpcConnection connection = connections.get(connectionId);
            if (connection != null && connection.accepts(method.method(), realtimeEvent)) {
                if (message == null) {
                    message = messages.notification(method, params, emittedAtMs);
                }
                connection.sendNotification(method.method(), realtimeEvent, message);
            }
        }
    }
}
