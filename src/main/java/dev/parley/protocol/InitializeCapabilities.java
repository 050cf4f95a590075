package dev.parley.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Per-connection capabilities, fixed for the connection's lifetime. Every field may be omitted. */
public record InitializeCapabilities(
        @Nullable Boolean experimentalApi,
        @Nullable List<String> optOutNotificationMethods,
        @Nullable Boolean realtimeEvents) {
}
