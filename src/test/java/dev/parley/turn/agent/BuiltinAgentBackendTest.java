package dev.parley.turn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The builtin backend's exact wording ({@code 05} §2.2) and its streaming. */
class BuiltinAgentBackendTest {

    private static final String SUFFIX = " (builtin agent: set OPENAI_API_KEY for a real model)";

    @Test
    void aDelegationEnvelopeIsAnsweredAboutItsUnescapedInput() {
        String envelope = "<realtime_delegation>\n  <input>book a table &amp; a taxi &lt;now&gt;</input>\n"
                + "  <transcript_delta>user: book a table</transcript_delta>\n</realtime_delegation>";
        assertThat(BuiltinAgentBackend.answer(envelope))
                .isEqualTo("Working on it: book a table & a taxi <now>." + SUFFIX);
    }

    @Test
    void typedTextIsEchoedAndASentenceEndIsNotDoubled() {
        assertThat(BuiltinAgentBackend.answer("hello")).isEqualTo("You said: hello." + SUFFIX);
        assertThat(BuiltinAgentBackend.answer("  What day is it?  ")).isEqualTo("You said: What day is it?" + SUFFIX);
        assertThat(BuiltinAgentBackend.answer("<realtime_delegation>\n  <input>Stop!</input>\n</realtime_delegation>"))
                .isEqualTo("Working on it: Stop!" + SUFFIX);
        assertThat(BuiltinAgentBackend.answer(" ")).isEqualTo("You said nothing." + SUFFIX);
    }

    @Test
    void itAnswersTheLatestUserMessageWordByWord() {
        RecordingOutput output = new RecordingOutput();
        AgentRequest request = new AgentRequest("m", null, List.of(ContextMessage.user(List.of("old")),
                ContextMessage.assistant("You said: old."), ContextMessage.user(List.of("new", "words"))));

        new BuiltinAgentBackend().respond(request, output, new CancellationSignal());

        String answer = "You said: new words." + SUFFIX;
        assertThat(output.calls.getFirst()).isEqualTo("started");
        assertThat(output.calls.getLast()).isEqualTo("done:" + answer);
        List<String> deltas = output.calls.subList(1, output.calls.size() - 1);
        assertThat(deltas).hasSizeGreaterThan(3).allMatch(call -> call.startsWith("delta:"));
        assertThat(String.join("", deltas.stream().map(call -> call.substring("delta:".length())).toList()))
                .isEqualTo(answer);
        assertThat(deltas.get(0)).isEqualTo("delta:You ");
    }

    @Test
    void aCancelledRequestStreamsNothingMore() {
        RecordingOutput output = new RecordingOutput();
        CancellationSignal cancellation = new CancellationSignal();
        cancellation.cancel();
        new BuiltinAgentBackend().respond(new AgentRequest("m", null, List.of(ContextMessage.user(List.of("x")))),
                output, cancellation);
        assertThat(output.calls).isEmpty();
    }
}
