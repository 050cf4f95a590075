package dev.parley.protocol.v2;

import org.jspecify.annotations.Nullable;

/** Params of {@code thread/read}. */
public record ThreadReadParams(
        String threadId,
        @Nullable Boolean includeTurns) {
}
