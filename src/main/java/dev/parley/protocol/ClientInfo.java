package dev.parley.protocol;

import org.jspecify.annotations.Nullable;

/** Who the client is; {@code name} becomes the first part of {@code userAgent}. */
public record ClientInfo(String name, @Nullable String title, String version) {
}
