package dev.parley.protocol.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of threads, newest first; {@code nextCursor} is null on the last page. */
public record ThreadListResponse(
        List<Thread> data,
        @Nullable String nextCursor) {

    public ThreadListResponse {
        data = List.copyOf(data);
    }
}
