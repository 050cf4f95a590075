package dev.parley.protocol.v2;

import org.jspecify.annotations.Nullable;

/** Params of {@code thread/start}; all optional. */
public record ThreadStartParams(
        @Nullable String model,
        @Nullable String baseInstructions,
        @Nullable String cwd,
        @Nullable Boolean ephemeral,
        @Nullable String name) {
}
