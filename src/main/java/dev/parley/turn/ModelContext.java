package dev.parley.turn;

import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.UserInput;
import dev.parley.thread.ThreadRecord;
import dev.parley.turn.agent.AgentRequest;
import dev.parley.turn.agent.ContextMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The context of a model request ({@code 05} §1): the thread's instructions and model, every message of
 * the thread's earlier turns (whatever their status) in item order, then the running turn's messages in the
 * order the model met them. Empty agent messages (an interrupted or failed turn may leave one) are left out.
 */
final class ModelContext {

    private ModelContext() {
    }

    static AgentRequest request(ThreadRecord thread, String runningTurnId, List<ContextMessage> runningTurn) {
        List<ContextMessage> input = new ArrayList<>();
        for (Turn turn : thread.turns()) {
            if (turn.id().equals(runningTurnId)) {
                continue;
            }
            for (ThreadItem item : turn.items()) {
                switch (item) {
                    case ThreadItem.UserMessage user -> input.add(ContextMessage.user(texts(user.content())));
                    case ThreadItem.AgentMessage agent -> {
                        if (!agent.text().isEmpty()) {
                            input.add(ContextMessage.assistant(agent.text()));
                        }
                    }
                }
            }
        }
        input.addAll(runningTurn);
        return new AgentRequest(thread.model(), thread.baseInstructions(), input);
    }

    static List<String> texts(List<UserInput> content) {
        return content.stream().map(part -> switch (part) {
            case UserInput.Text text -> text.text();
        }).toList();
    }
}
