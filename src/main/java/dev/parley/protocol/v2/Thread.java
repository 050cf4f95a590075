package dev.parley.protocol.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A conversation thread. Fields are serialised in exactly this order. */
public record Thread(
        String id,
        String sessionId,
        String preview,
        boolean ephemeral,
        String modelProvider,
        long createdAt,
        long updatedAt,
        ThreadStatus status,
        String cwd,
        String cliVersion,
        SessionSource source,
        @Nullable String name,
        List<Turn> turns) {

    public Thread {
        turns = List.copyOf(turns);
    }
}
