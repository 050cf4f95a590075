package dev.parley.turn.agent;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The context of one model request.
 *
 * @param model the thread's agent model
 * @param instructions the thread's base instructions, if any
 * @param input prior turns' messages, then this turn's messages so far (including steer input), oldest first
 */
public record AgentRequest(String model, @Nullable String instructions, List<ContextMessage> input) {

    public AgentRequest {
        input = List.copyOf(input);
    }
}
