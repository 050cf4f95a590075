package dev.parley.realtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.14: prompt, startup context and their combination (INS-01 … INS-09). */
class RealtimeInstructionsTest {

    @Test
    void ins01_backendPromptWins() {
        assertEquals("prompt from config",
                RealtimeInstructions.prompt("prompt from config", Optional.of("prompt from request")));
    }

    @Test
    void ins02_requestPrompt() {
        assertEquals("prompt from request", RealtimeInstructions.prompt(null, Optional.of("prompt from request")));
    }

    @Test
    void ins03_emptyAndNullRequestPromptStayEmpty() {
        assertEquals("", RealtimeInstructions.prompt(null, Optional.of("")));
    }

    @Test
    void ins04_defaultPrompt() {
        String prompt = RealtimeInstructions.prompt(null, Optional.empty());
        assertThat(prompt).startsWith("You are Parley").doesNotContain("{{");
        assertEquals(prompt.stripTrailing(), prompt);
    }

    @Test
    void ins05_blankBackendPromptIsIgnored() {
        assertEquals("p", RealtimeInstructions.prompt("   ", Optional.of("p")));
    }

    @Test
    void ins06_combine() {
        assertEquals("", RealtimeInstructions.combine("", ""));
        assertEquals("p", RealtimeInstructions.combine("p", ""));
        assertEquals("c", RealtimeInstructions.combine("", "c"));
        assertEquals("p\n\nc", RealtimeInstructions.combine("p", "c"));
    }

    @Test
    void ins07_optOutBeatsTheConfiguredContext() {
        assertEquals("", RealtimeInstructions.startupContext(false, "ctx", () -> "generated"));
        assertEquals("ctx", RealtimeInstructions.startupContext(true, "ctx", () -> "generated"));
        assertEquals("", RealtimeInstructions.startupContext(true, "", () -> "generated"));
        assertEquals("generated", RealtimeInstructions.startupContext(true, null, () -> "generated"));
    }

    @Test
    void ins08_noCompletedTurnNoContext() {
        assertEquals("", StartupContext.render(List.of()));
    }

    @Test
    void ins09_oneTurnLayout() {
        assertEquals("""
                <startup_context>
                Startup context from Parley.
                This is background context about recent work on this thread. It may be incomplete or stale. Use it to inform responses, and do not repeat it back unless relevant.

                ## Current Thread
                Most recent user/assistant turns from this exact thread. Use them for continuity when responding.

                ### Latest turn
                User:
                Investigate realtime startup context

                Assistant:
                Found it.
                </startup_context>""", StartupContext.render(List.of(
                new StartupContext.CompletedTurn("Investigate realtime startup context", "Found it."))));
    }

    @Test
    void turnsAreNewestFirstAndATurnWithoutAgentMessageOmitsIt() {
        String context = StartupContext.render(List.of(new StartupContext.CompletedTurn("second", null),
                new StartupContext.CompletedTurn("first", "answer")));
        assertThat(context).contains("### Latest turn\nUser:\nsecond\n\n### Previous turn 1\nUser:\nfirst\n\n"
                + "Assistant:\nanswer\n</startup_context>");
    }

    @Test
    void longTurnsAreMiddleTruncatedAndOlderTurnsDropped() {
        String longText = "a".repeat(3_000);
        List<StartupContext.CompletedTurn> turns = List.of(
                new StartupContext.CompletedTurn(longText, null),
                new StartupContext.CompletedTurn(longText, null),
                new StartupContext.CompletedTurn(longText, null),
                new StartupContext.CompletedTurn(longText, null),
                new StartupContext.CompletedTurn("oldest", null));
        String context = StartupContext.render(turns);
        // Each truncated block is exactly 300 tokens, marker included, so four fill the 1 200 and the fifth is left out.
        assertThat(context).contains("tokens truncated…").contains("### Previous turn 3")
                .doesNotContain("### Previous turn 4").doesNotContain("oldest");
        assertThat(StartupContext.estimateTokens(context)).isLessThanOrEqualTo(StartupContext.CONTEXT_TOKENS);
        String block = StartupContext.truncateMiddle("User:\n" + longText, StartupContext.TURN_BLOCK_TOKENS);
        assertThat(StartupContext.estimateTokens(block)).isEqualTo(StartupContext.TURN_BLOCK_TOKENS);
    }

    @Test
    void middleTruncationCutsOnCharacterBoundariesAndKeepsTheMarkerWithinTheBudget() {
        // Codex's UTF-8 example text; unlike Codex (which gives "😀😀😀😀…8 tokens truncated… line with text\n" for
        // 8 tokens, 53 bytes) the marker's 25 bytes count against the budget: 12 tokens = 48 bytes leave 23 to keep
        String truncated = StartupContext.truncateMiddle("😀😀😀😀😀😀😀😀😀😀\nsecond line with text\n", 12);
        assertEquals("😀😀…11 tokens truncated…e with text\n", truncated);
        assertThat(StartupContext.estimateTokens(truncated)).isLessThanOrEqualTo(12);
        assertEquals("…15 tokens truncated…ext\n",
                StartupContext.truncateMiddle("😀😀😀😀😀😀😀😀😀😀\nsecond line with text\n", 8));
        // a budget smaller than the marker keeps nothing else
        assertEquals("…2 tokens truncated…", StartupContext.truncateMiddle("abcdef", 0));
    }
}
