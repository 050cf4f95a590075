package dev.parley.realtime.conversation;

import org.jspecify.annotations.Nullable;

/**
 * The realtime state of a thread as REST reports it ({@code 02} §8.2). REST-only: not a JSON-RPC type.
 *
 * @param state       {@code idle}, {@code connecting}, {@code running} or {@code closing}
 * @param version     of the current or last conversation
 * @param startedAt   ISO-8601 UTC with milliseconds, when {@code started} was sent
 * @param closedAt    when the last conversation closed
 * @param lastError   message of the last {@code thread/realtime/error} on this thread
 * @param subscribers connections currently subscribed to the thread
 * @param counters    of the current or last conversation, all zero if none ever ran
 */
public record RealtimeState(String state, @Nullable String version, @Nullable String realtimeSessionId,
        @Nullable String startedAt, @Nullable String closedAt, @Nullable String lastCloseReason,
        @Nullable String lastError, int subscribers, RealtimeCounters counters) {
}
