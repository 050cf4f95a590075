package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;
import dev.parley.protocol.RealtimeVoice;
import dev.parley.protocol.TriStateStringDeserializer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Params of {@code thread/realtime/start}. {@code prompt} has three states: a Java {@code null} means the
 * field was left out (use the default prompt), {@link Optional#empty()} means JSON {@code null} (no prompt),
 * and a present value is the prompt itself.
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
        @Nullable ThreadRealtimeStartTransport transport) {
}
