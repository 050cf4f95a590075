package dev.parley.realtime.conversation;

import java.util.Locale;

/** Why a conversation ended: the {@code reason} of {@code thread/realtime/closed} ({@code 04} §3.4). */
public enum EndReason {
    REQUESTED,
    TRANSPORT_CLOSED,
    ERROR,
    REPLACED,
    ORPHANED,
    /** The server is shutting down (graceful shutdown, SIGTERM). */
    SHUTDOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
