package dev.parley.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides what the simulated voice model answers, from the conversation items so far: speak agent output
 * back, hand a request to the agent ({@link AgentTrigger}), say what it heard, or stay silent.
 */
final class ReplyPlanner {

    static final String BACKEND_PREFIX = "[BACKEND] ";
    static final String USER_PREFIX = "[USER] ";
    static final String GREETING = "Hello from the Parley simulator.";

    /** A conversation item as far as replies are concerned. */
    sealed interface Item {
        /** What the user said or typed (prefix removed). */
        record UserInput(String text) implements Item {
        }

        /** Agent output or speech Parley asked the model to relay (prefix removed). */
        record Backend(String text) implements Item {
        }

        record FunctionCall(String callId) implements Item {
        }

        record FunctionOutput(String output) implements Item {
        }
    }

    /** The planned reply. */
    sealed interface Reply {
        record Speak(String text) implements Reply {
        }

        record CallAgent(String request) implements Reply {
        }

        record Silent() implements Reply {
        }
    }

    private ReplyPlanner() {
    }

    /** Classifies the text of a user-role message item sent by Parley. */
    static Item userMessage(String text) {
        if (text.startsWith(BACKEND_PREFIX)) {
            return new Item.Backend(text.substring(BACKEND_PREFIX.length()));
        }
        return new Item.UserInput(text.startsWith(USER_PREFIX) ? text.substring(USER_PREFIX.length()) : text);
    }

    static Reply plan(List<Item> items) {
        if (items.isEmpty()) {
            return new Reply.Speak(GREETING);
        }
        return switch (items.getLast()) {
            case Item.FunctionOutput output -> afterFunctionOutput(items, output);
            case Item.Backend backend -> new Reply.Speak(backend.text());
            case Item.UserInput input -> AgentTrigger.request(input.text())
                    .<Reply>map(Reply.CallAgent::new)
                    .orElseGet(() -> new Reply.Speak("I heard: " + input.text().strip()));
            case Item.FunctionCall call -> new Reply.Silent();
        };
    }

    /** Speaks the agent's progress since the last call, else the output itself; an empty output is silence. */
    private static Reply afterFunctionOutput(List<Item> items, Item.FunctionOutput output) {
        List<String> progress = new ArrayList<>();
        for (int i = items.size() - 2; i >= 0 && !(items.get(i) instanceof Item.FunctionCall); i--) {
            if (items.get(i) instanceof Item.Backend backend) {
                progress.addFirst(backend.text());
            }
        }
        if (!progress.isEmpty()) {
            return new Reply.Speak(String.join(" ", progress));
        }
        return output.output().isEmpty() ? new Reply.Silent() : new Reply.Speak(output.output());
    }
}
