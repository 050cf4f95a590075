package dev.parley.schema;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ProtocolRegistry.RequestMethod;
import java.util.List;

/**
 * What the exporter starts from: the methods and notifications of the three message unions, in variant
 * order. Production code always uses {@link #parley()}; tests pass small surfaces of their own.
 */
record ProtocolSurface(
        List<RequestMethod<?, ?>> requests,
        List<NotificationMethod<?>> clientNotifications,
        List<NotificationMethod<?>> serverNotifications) {

    ProtocolSurface {
        requests = List.copyOf(requests);
        clientNotifications = List.copyOf(clientNotifications);
        serverNotifications = List.copyOf(serverNotifications);
    }

    /** Parley's protocol, read from the {@link ProtocolRegistry} that also drives the dispatcher. */
    static ProtocolSurface parley() {
        return new ProtocolSurface(ProtocolRegistry.CLIENT_REQUESTS, ProtocolRegistry.CLIENT_NOTIFICATIONS,
                ProtocolRegistry.SERVER_NOTIFICATIONS);
    }
}
