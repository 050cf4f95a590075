package dev.parley.protocol.v2;

import dev.parley.protocol.ConversationTextRole;
import org.jspecify.annotations.Nullable;

/** Params of {@code thread/realtime/appendText}. */
public record ThreadRealtimeAppendTextParams(
        String threadId,
        String text,
        @Nullable ConversationTextRole role,
        @Nullable Boolean createResponse) {
}
