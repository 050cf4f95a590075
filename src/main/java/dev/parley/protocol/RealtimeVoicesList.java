package dev.parley.protocol;

import java.util.List;

/** The voices of each version and their defaults. */
public record RealtimeVoicesList(
        List<RealtimeVoice> v1,
        List<RealtimeVoice> v2,
        RealtimeVoice defaultV1,
        RealtimeVoice defaultV2) {

    public RealtimeVoicesList {
        v1 = List.copyOf(v1);
        v2 = List.copyOf(v2);
    }

    /** The fixed list Parley serves. */
    public static RealtimeVoicesList standard() {
        return new RealtimeVoicesList(RealtimeVoice.v1(), RealtimeVoice.v2(),
                RealtimeVoice.defaultFor(RealtimeConversationVersion.V1),
                RealtimeVoice.defaultFor(RealtimeConversationVersion.V2));
    }
}
