package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.upText;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1Handoff;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1In;
import static dev.parley.testsupport.FakeResponses.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The startup-context cases of {@code 07} §5 whose thread history comes from real agent turns (C-20 … C-23,
 * C-25; {@code 03} §5): Profile P1 <b>without</b> the {@code startup-context} property unless a nested class
 * sets it. Each turn runs through {@code turn/start} against the fake Responses API before the start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.version=v1", "parley.realtime.model=realtime-test-model"})
class StartupContextTurnsTest extends AgentHandoffSupport {

    static final String INS_09 = """
            <startup_context>
            Startup context from Parley.
            This is background context about recent work on this thread. It may be incomplete or stale. \
            Use it to inform responses, and do not repeat it back unless relevant.

            ## Current Thread
            Most recent user/assistant turns from this exact thread. Use them for continuity when responding.

            ### Latest turn
            User:
            Investigate realtime startup context

            Assistant:
            Found it.
            </startup_context>""";

    /** A fresh thread whose completed turns asked {@code questions[k]} and got {@code answers[k]}, in order. */
    RealtimeClient threadWithTurns(List<String> questions, List<String> answers) {
        RESPONSES.script(answers.stream().map(FakeResponses::msg).toArray(FakeResponses.Script[]::new));
        RealtimeClient c = client();
        for (String question : questions) {
            startTurn(c, question);
            assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("completed");
        }
        return c;
    }

    /** {@code START{extra}} on {@code c}'s thread; the instructions of that connection's {@code session.update}. */
    static String startAndReadInstructions(RealtimeClient c, int connection, String extra) throws Exception {
        c.awaitResponse(c.start(extra));
        c.awaitNotification("thread/realtime/started");
        UPSTREAM.connection(connection).awaitFrames(1, AWAIT);
        return UPSTREAM.connection(connection).frame(0).at("/session/instructions").asString();
    }

    static int tokens(String text) {
        return (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4;
    }

    /** The blocks of the rendered context: for each {@code ###} heading, the lines after it. */
    static List<String[]> blocks(String instructions) {
        Matcher heading = Pattern.compile("### ([^\\n]+)\\n(.*?)(?=\\n\\n### |\\n</startup_context>)", Pattern.DOTALL)
                .matcher(instructions);
        List<String[]> blocks = new ArrayList<>();
        while (heading.find()) {
            blocks.add(new String[] {heading.group(1), heading.group(2)});
        }
        return blocks;
    }

    @Test
    void c22_startupContextFromTheThreadsHistory() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("a")), FakeUpstream.script().batch(su("b")),
                FakeUpstream.script().batch(su("c")));
        RealtimeClient c = threadWithTurns(List.of("Investigate realtime startup context"), List.of("Found it."));
        assertThat(startAndReadInstructions(c, 0, "")).isEqualTo("backend prompt\n\n" + INS_09);

        RealtimeClient empty = client();
        assertThat(startAndReadInstructions(empty, 1, "")).isEqualTo("backend prompt");

        c.awaitResponse(c.stop());
        c.awaitClosed("requested");
        assertThat(startAndReadInstructions(c, 2, "\"includeStartupContext\":false")).isEqualTo("backend prompt");
    }

    @Test
    void c23_currentThreadBudgetSelectsManyTurns() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        List<String> questions = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int k = 1; k <= 7; k++) {
            questions.add("question " + k);
            answers.add("answer " + k);
        }
        questions.add("word ".repeat(2_000).strip());
        answers.add("answer 8");
        String instructions = startAndReadInstructions(threadWithTurns(questions, answers), 0, "");

        List<String[]> blocks = blocks(instructions);
        assertThat(blocks).extracting(b -> b[0]).containsExactly("Latest turn", "Previous turn 1", "Previous turn 2",
                "Previous turn 3", "Previous turn 4", "Previous turn 5", "Previous turn 6", "Previous turn 7");
        assertThat(blocks.getFirst()[1]).contains("tokens truncated…");
        for (int k = 1; k <= 7; k++) {
            int question = 8 - k;
            assertThat(blocks.get(k)[1]).isEqualTo("User:\nquestion " + question + "\n\nAssistant:\nanswer " + question);
        }
        assertThat(blocks).allSatisfy(b -> assertThat(tokens(b[1])).as("block %s", b[0]).isLessThanOrEqualTo(300));
        assertThat(blocks.stream().mapToInt(b -> tokens(b[1])).sum()).isLessThanOrEqualTo(1_200);
    }

    @Test
    void c25_startupContextIsCappedAndSentOnce() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
        RealtimeClient c = threadWithTurns(List.of("x".repeat(100_000)), List.of("long answer"));
        String instructions = startAndReadInstructions(c, 0, "");
        assertThat(instructions).contains("<startup_context>", "</startup_context>");
        assertThat(instructions.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo("backend prompt".length() + 2 + 21_200);
        c.text("hello", "");
        assertFrames(1, upText("hello"));
    }

    @Test
    void startupContext_delegatedTurnContributesItsUnescapedInput() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("a"), v1In("find a table & book it"),
                v1Handoff("handoff_1", "item_1", "find a table & book it")), FakeUpstream.script().batch(su("b")));
        RESPONSES.script(msg("Booked."));
        RealtimeClient c = client();
        startAndReadInstructions(c, 0, "");
        awaitTurnCompleted(c);
        assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst()))
                .isEqualTo(env("find a table &amp; book it", "user: find a table &amp; book it"));
        c.awaitResponse(c.stop());
        c.awaitClosed("requested");
        assertThat(startAndReadInstructions(c, 1, ""))
                .contains("### Latest turn\nUser:\nfind a table & book it\n\nAssistant:\nBooked.\n</startup_context>");
    }

    /** C-20: a configured startup context replaces the generated one. */
    @Nested
    @TestPropertySource(properties = {"parley.realtime.backend-prompt=prompt from config",
            "parley.realtime.startup-context=custom startup context"})
    class ConfiguredContext extends AgentHandoffSupport {

        @Test
        void c20_startupContextOverride() throws Exception {
            UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
            RESPONSES.script(msg("earlier answer"));
            RealtimeClient c = client();
            startTurn(c, "earlier question");
            awaitTurnCompleted(c);
            assertThat(startAndReadInstructions(c, 0, "")).isEqualTo("prompt from config\n\ncustom startup context");
        }
    }

    /** C-21: an empty configured startup context disables it. */
    @Nested
    @TestPropertySource(properties = {"parley.realtime.backend-prompt=prompt from config",
            "parley.realtime.startup-context="})
    class DisabledContext extends AgentHandoffSupport {

        @Test
        void c21_emptyOverrideDisablesTheStartupContext() throws Exception {
            UPSTREAM.reset(FakeUpstream.script().batch(su("s")));
            RESPONSES.script(msg("earlier answer"));
            RealtimeClient c = client();
            startTurn(c, "earlier question");
            awaitTurnCompleted(c);
            assertThat(startAndReadInstructions(c, 0, "")).isEqualTo("prompt from config");
        }
    }
}
