package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.parley.protocol.CodexResponseHandoffMode;
import dev.parley.protocol.Defaulted;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;
import dev.parley.protocol.RealtimeVoice;
import dev.parley.protocol.TriStateStringDeserializer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Params of {@code thread/realtime/start}. {@code prompt} has three states: a Java {@code null} means the
 * field was left out (use the default prompt), {@link Optional#empty()} means JSON {@code null} (no prompt),
 * and a present value is the prompt itself. The Codex-only fields after {@code initialItems} are accepted and
 * ignored ({@code 09} §1).
 */
public record ThreadRealtimeStartParams(
        String threadId,
        RealtimeOutputModality outputModality,
        @JsonPropertyDescription("Omit to use the server's default realtime prompt; null or \"\" means no prompt.")
        @JsonDeserialize(using = TriStateStringDeserializer.class) @Nullable Optional<String> prompt,
        @Nullable String model,
        @Nullable RealtimeConversationVersion version,
        @Nullable RealtimeVoice voice,
        @Nullable String realtimeSessionId,
        @Nullable Boolean includeStartupContext,
        @Nullable ThreadRealtimeStartTransport transport,
        @JsonPropertyDescription("A client's product-level voice session id, sent upstream as the voice-session-id header.")
        @Nullable String voiceSessionId,
        @JsonPropertyDescription("true: a handoff still becomes an agent turn, but nothing of the agent's output is sent back"
                + " to the voice model. Defaults to false.")
        @Nullable Boolean clientManagedHandoffs,
        @JsonPropertyDescription("Realtime v3 only: a non-empty list is refused.")
        @Nullable List<ThreadRealtimeInitialItem> initialItems,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable Boolean delegationAckFiller,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable Boolean flushTranscriptTailOnSessionEnd,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable Boolean codexResponsesAsItems,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable String codexResponseItemPrefix,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable CodexResponseHandoffMode codexResponseHandoffMode,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Defaulted Boolean backendReasoningStatus,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable Map<String, List<String>> codexResponseHandoffChannelPrefixes,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable String realtimeStartInstructions,
        @JsonPropertyDescription("Accepted and ignored (Codex).")
        @Nullable String realtimeEndInstructions) {

    public ThreadRealtimeStartParams {
        if (backendReasoningStatus == null) {
            backendReasoningStatus = false;
        }
    }
}
