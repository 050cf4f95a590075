package dev.parley.protocol.v2;

import dev.parley.protocol.ConversationTextRole;

/** A Codex V3 start item; Parley refuses a non-empty {@code initialItems} ({@code 09} §1). */
public record ThreadRealtimeInitialItem(
        ConversationTextRole role,
        String text) {
}
