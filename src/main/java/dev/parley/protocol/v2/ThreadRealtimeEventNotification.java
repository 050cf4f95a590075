package dev.parley.protocol.v2;

import dev.parley.protocol.RealtimeEvent;

/** The full-fidelity event stream, for connections that opted in with {@code realtimeEvents}. */
public record ThreadRealtimeEventNotification(
        String threadId,
        RealtimeEvent event) {
}
