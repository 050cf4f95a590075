package dev.parley.protocol.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Params of {@code turn/start}. */
public record TurnStartParams(
        String threadId,
        List<UserInput> input,
        @Nullable String clientUserMessageId) {

    public TurnStartParams {
        input = List.copyOf(input);
    }
}
