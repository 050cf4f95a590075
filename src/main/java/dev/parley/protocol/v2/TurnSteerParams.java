package dev.parley.protocol.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Params of {@code turn/steer}. */
public record TurnSteerParams(
        String threadId,
        List<UserInput> input,
        String expectedTurnId,
        @Nullable String clientUserMessageId) {

    public TurnSteerParams {
        input = List.copyOf(input);
    }
}
