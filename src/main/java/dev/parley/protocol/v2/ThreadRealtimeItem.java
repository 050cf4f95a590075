package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.protocol.Omissible;
import java.util.List;

/**
 * An item of a thread's realtime timeline ({@code 09} §2): what a voice conversation left behind. Every item
 * has an id, the {@code realtimeSessionId} of its conversation and the epoch milliseconds at which Parley
 * observed it. {@code transcriptSegment} is the live form of a segment, {@code frame} its stored form (same id).
 * {@code bemItemPromoted} and {@code sessionEndInputSaved} are declared by Codex and never produced by Parley.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThreadRealtimeItem.RealtimeSessionStarted.class, name = "realtimeSessionStarted"),
        @JsonSubTypes.Type(value = ThreadRealtimeItem.Frame.class, name = "frame"),
        @JsonSubTypes.Type(value = ThreadRealtimeItem.TranscriptSegment.class, name = "transcriptSegment"),
        @JsonSubTypes.Type(value = ThreadRealtimeItem.BemItemPromoted.class, name = "bemItemPromoted"),
        @JsonSubTypes.Type(value = ThreadRealtimeItem.RealtimeSessionClosed.class, name = "realtimeSessionClosed"),
        @JsonSubTypes.Type(value = ThreadRealtimeItem.TurnInputAccepted.class, name = "turnInputAccepted"),
        @JsonSubTypes.Type(value = ThreadRealtimeItem.SessionEndInputSaved.class, name = "sessionEndInputSaved")})
public sealed interface ThreadRealtimeItem {

    String id();

    String realtimeSessionId();

    long observedAtMs();

    /** The upstream session is live; id {@code realtime-session-start:<realtimeSessionId>}. */
    @JsonTypeName("realtimeSessionStarted")
    record RealtimeSessionStarted(String id, String realtimeSessionId, @Omissible long observedAtMs)
            implements ThreadRealtimeItem {
    }

    /** The stored form of a sealed transcript segment. */
    @JsonTypeName("frame")
    record Frame(String id, String realtimeSessionId, @Omissible long observedAtMs,
            ThreadRealtimeFrameChannels channels) implements ThreadRealtimeItem {
    }

    /** The live form of a transcript segment: empty text when it opens, the sealed text when it completes. */
    @JsonTypeName("transcriptSegment")
    record TranscriptSegment(String id, String realtimeSessionId, @Omissible long observedAtMs,
            ThreadRealtimeTranscriptRole role, String text) implements ThreadRealtimeItem {
    }

    /** Codex V3 only. */
    @JsonTypeName("bemItemPromoted")
    record BemItemPromoted(String id, String realtimeSessionId, @Omissible long observedAtMs, String turnId,
            String itemId, ThreadRealtimeBemItemPresentation presentation) implements ThreadRealtimeItem {
    }

    /** The conversation ended. */
    @JsonTypeName("realtimeSessionClosed")
    record RealtimeSessionClosed(String id, String realtimeSessionId, @Omissible long observedAtMs,
            ThreadRealtimeSessionOutcome outcome) implements ThreadRealtimeItem {
    }

    /**
     * A handoff was routed to an agent turn: {@code inputItemId} is that turn's user-message item (carrying
     * {@code input}, the delegation envelope), {@code sourceEventIds} the segments whose text fed the envelope's
     * transcript delta.
     */
    @JsonTypeName("turnInputAccepted")
    record TurnInputAccepted(String id, String realtimeSessionId, @Omissible long observedAtMs, String handoffId,
            String turnId, ThreadRealtimeHandoffMode mode, List<String> sourceEventIds, String inputItemId,
            String input) implements ThreadRealtimeItem {
        public TurnInputAccepted {
            sourceEventIds = List.copyOf(sourceEventIds);
        }
    }

    /** Codex only. */
    @JsonTypeName("sessionEndInputSaved")
    record SessionEndInputSaved(String id, String realtimeSessionId, @Omissible long observedAtMs,
            List<String> sourceEventIds, String inputItemId, String input) implements ThreadRealtimeItem {
        public SessionEndInputSaved {
            sourceEventIds = List.copyOf(sourceEventIds);
        }
    }
}
