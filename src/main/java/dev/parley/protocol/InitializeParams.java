package dev.parley.protocol;

import org.jspecify.annotations.Nullable;

/** Params of {@code initialize}, the first request of every connection. */
public record InitializeParams(ClientInfo clientInfo, @Nullable InitializeCapabilities capabilities) {
}
