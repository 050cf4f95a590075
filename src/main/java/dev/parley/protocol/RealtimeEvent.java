package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One event of a realtime conversation, as parsed from the upstream or produced by Parley for socket
 * failures. On the wire it is externally tagged: an object with exactly one key, the variant name, whose
 * value is the payload (see {@link RealtimeEventVariant} for the table of variants and payload kinds).
 */
@JsonSerialize(using = RealtimeEventSerializer.class)
@JsonDeserialize(using = RealtimeEventDeserializer.class)
public sealed interface RealtimeEvent {

    /** The upstream acknowledged a {@code session.update}. */
    record SessionUpdated(@JsonProperty("session_id") String sessionId, @Nullable String instructions)
            implements RealtimeEvent {
    }

    /** A piece of the user's input transcript. */
    record InputTranscriptDelta(RealtimeTranscriptDelta payload) implements RealtimeEvent {
    }

    /** A piece of the model's output transcript. */
    record OutputTranscriptDelta(RealtimeTranscriptDelta payload) implements RealtimeEvent {
    }

    /** A chunk of model output audio. */
    record AudioOut(RealtimeAudioFrame payload) implements RealtimeEvent {
    }

    /** A raw upstream conversation item, unchanged. */
    record ConversationItemAdded(JsonNode item) implements RealtimeEvent {
    }

    /** The upstream finished a conversation item. */
    record ConversationItemDone(@JsonProperty("item_id") String itemId) implements RealtimeEvent {
    }

    /** The voice model hands work off to the agent. */
    record HandoffRequested(RealtimeHandoffRequested payload) implements RealtimeEvent {
    }

    /** An upstream error message, or a socket failure described by Parley. */
    record Error(String message) implements RealtimeEvent {
    }

    /** The upstream detected the start of user speech. */
    record InputAudioSpeechStarted(RealtimeInputAudioSpeechStarted payload) implements RealtimeEvent {
    }

    /** The final text of a user transcript part. */
    record InputTranscriptDone(RealtimeTranscriptDone payload) implements RealtimeEvent {
    }

    /** The final text of a model transcript part. */
    record OutputTranscriptDone(RealtimeTranscriptDone payload) implements RealtimeEvent {
    }

    /** A model response started. */
    record ResponseCreated(RealtimeResponseCreated payload) implements RealtimeEvent {
    }

    /** A model response was cancelled (barge-in or truncation). */
    record ResponseCancelled(RealtimeResponseCancelled payload) implements RealtimeEvent {
    }

    /** A model response finished. */
    record ResponseDone(RealtimeResponseDone payload) implements RealtimeEvent {
    }

    /** The voice model chose to stay silent. */
    record NoopRequested(RealtimeNoopRequested payload) implements RealtimeEvent {
    }
}
