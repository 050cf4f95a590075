package dev.parley.protocol.v2;

import org.jspecify.annotations.Nullable;

/** Why a turn failed. */
public record TurnError(
        String message,
        @Nullable CodexErrorInfo codexErrorInfo,
        @Nullable String additionalDetails) {
}
