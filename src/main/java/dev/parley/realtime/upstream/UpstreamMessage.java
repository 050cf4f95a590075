package dev.parley.realtime.upstream;

import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;

/**
 * One message Parley sends to the upstream realtime model ({@code 03} §8, M1–M8). Every message is one
 * complete text frame; {@link UpstreamMessageEncoder} turns it into JSON. The Close frame (M9) is not a
 * message: it is {@link UpstreamSession#close()}.
 */
public sealed interface UpstreamMessage {

    /** M1: the session configuration, always the first frame of a connection. */
    record SessionUpdate(RealtimeConversationVersion version, SessionType sessionType,
            RealtimeOutputModality outputModality, String instructions, String voice) implements UpstreamMessage {

        /** The session type this update really configures (V1 is always conversational). */
        public SessionType effectiveSessionType() {
            return sessionType.effectiveFor(version);
        }
    }

    /** M2: base64 PCM16 24 kHz mono audio; nothing but the data is forwarded. */
    record AudioAppend(String audio) implements UpstreamMessage {
    }

    /** M3/M4/M6 (V2): a message item, sent with its text unchanged (prefixes are applied by the factories). */
    record TextItem(ConversationTextRole role, String text) implements UpstreamMessage {

        public static final String USER_PREFIX = "[USER] ";
        public static final String BACKEND_PREFIX = "[BACKEND] ";

        /**
         * The M3 mapping of a client {@code appendText}: V2 prefixes role-user text with {@value #USER_PREFIX}
         * unless it is empty or already prefixed; V1 never prefixes.
         */
        public static TextItem appendText(RealtimeConversationVersion version, ConversationTextRole role, String text) {
            boolean prefix = version == RealtimeConversationVersion.V2 && role == ConversationTextRole.USER;
            return new TextItem(role, prefix ? prefixed(USER_PREFIX, text) : text);
        }

        /** M4/M6 for V2: a user-role item carrying agent output or speech, prefixed {@value #BACKEND_PREFIX}. */
        public static TextItem backend(String text) {
            return new TextItem(ConversationTextRole.USER, prefixed(BACKEND_PREFIX, text));
        }

        /** The content part type the upstream expects for the item's role. */
        public String contentPartType() {
            return switch (role) {
                case USER, DEVELOPER -> "input_text";
                case ASSISTANT -> "output_text";
            };
        }

        private static String prefixed(String prefix, String text) {
            return text.isEmpty() || text.startsWith(prefix) ? text : prefix + text;
        }
    }

    /** M4/M6 for V1: {@code conversation.handoff.append}. */
    record HandoffAppend(String handoffId, String outputText) implements UpstreamMessage {

        /** The fixed handoff id V1 speech ({@code appendSpeech}) is sent under. */
        public static final String SPEECH_HANDOFF_ID = "codex";

        /** M4: agent output for a V1 handoff, with the literal "Agent Final Message" header. */
        public static HandoffAppend agentFinalMessage(String handoffId, String text) {
            return new HandoffAppend(handoffId, "\"Agent Final Message\":\n\n" + text);
        }

        /** M6: text the V1 voice model should say. */
        public static HandoffAppend speech(String text) {
            return new HandoffAppend(SPEECH_HANDOFF_ID, text);
        }
    }

    /** M5 (V2): the answer to a function call. */
    record FunctionCallOutput(String callId, String output) implements UpstreamMessage {

        public static final String AGENT_FINISHED =
                "Background agent finished. Use the preceding [BACKEND] messages as the result.";
        public static final String AGENT_FINISHED_WITHOUT_MESSAGE =
                "Background agent finished without producing a message.";
        public static final String STEERED = "This was sent to steer the previous background agent task.";
        public static final String SILENT = "";
    }

    /** M7 (V2): ask the model for a response. */
    record ResponseCreate() implements UpstreamMessage {
    }

    /** M8 (V2): barge-in truncation of the model's audio item. */
    record Truncate(String itemId, long audioEndMs) implements UpstreamMessage {

        public static final long MAX_AUDIO_END_MS = 0xFFFF_FFFFL;

        public Truncate {
            if (audioEndMs < 0 || audioEndMs > MAX_AUDIO_END_MS) {
                throw new IllegalArgumentException("audio_end_ms must be an unsigned 32-bit integer");
            }
        }
    }
}
