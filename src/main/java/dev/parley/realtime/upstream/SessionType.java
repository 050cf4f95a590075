package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;

/** The kind of upstream session; {@link #TRANSCRIPTION} is honoured only by V2. */
public enum SessionType {
    CONVERSATIONAL,
    TRANSCRIPTION;

    /** The session type actually used for a version: a V1 session is always conversational. */
    public SessionType effectiveFor(RealtimeConversationVersion version) {
        return version == RealtimeConversationVersion.V1 ? CONVERSATIONAL : this;
    }
}
