package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.realtime.upstream.UpstreamSessionConfig;

/**
 * A start after its preflight ({@code 04} §3.1 step 2): ready to connect, or refused with the exact message.
 * {@link RealtimeConversationManager#prepareStart} makes it; the caller answers its request, then hands it to
 * {@link RealtimeConversationManager#carryOut}.
 */
public sealed interface PreparedStart {

    /** Preflight passed; {@code realtimeSessionId} is the requested one or a fresh UUIDv7. */
    record Connect(ThreadRealtimeStartParams params, String realtimeSessionId, UpstreamSessionConfig config)
            implements PreparedStart {
    }

    /** Preflight failed; {@code message} is the client-facing text. */
    record Refused(String threadId, String message) implements PreparedStart {
    }
}
