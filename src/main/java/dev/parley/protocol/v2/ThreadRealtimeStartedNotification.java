package dev.parley.protocol.v2;

import dev.parley.protocol.RealtimeConversationVersion;

/** A realtime conversation is live; {@code realtimeSessionId} is the requested one, not the upstream's. */
public record ThreadRealtimeStartedNotification(
        String threadId,
        String realtimeSessionId,
        RealtimeConversationVersion version) {
}
