package dev.parley.protocol.v2;

import dev.parley.protocol.Unsigned;
import org.jspecify.annotations.Nullable;

/** Params of {@code thread/list}; all optional. */
public record ThreadListParams(
        @Nullable String cursor,
        @Unsigned(32) @Nullable Integer limit) {
}
