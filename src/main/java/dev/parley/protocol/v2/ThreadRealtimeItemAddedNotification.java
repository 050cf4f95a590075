package dev.parley.protocol.v2;

import tools.jackson.databind.JsonNode;

/** A raw upstream item or an item synthesized by Parley (snake_case). */
public record ThreadRealtimeItemAddedNotification(
        String threadId,
        JsonNode item) {
}
