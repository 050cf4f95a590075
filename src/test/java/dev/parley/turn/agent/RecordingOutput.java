package dev.parley.turn.agent;

import java.util.ArrayList;
import java.util.List;

/** An {@link AgentOutput} that records its calls as {@code started}, {@code delta:<d>}, {@code done:<text>}. */
final class RecordingOutput implements AgentOutput {

    final List<String> calls = new ArrayList<>();

    @Override
    public void messageStarted() {
        calls.add("started");
    }

    @Override
    public void textDelta(String delta) {
        calls.add("delta:" + delta);
    }

    @Override
    public void messageCompleted(String text) {
        calls.add("done:" + text);
    }
}
