package dev.parley.realtime.upstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders the generated startup context of {@code 03} §5 from a thread's completed turns. Pure: the caller
 * supplies the turns (newest first), already reduced to the user text and the final agent message.
 */
public final class StartupContext {

    static final int TURN_BLOCK_TOKENS = 300;
    static final int TURNS_TOKENS = 1_200;
    static final int CONTEXT_TOKENS = 5_300;

    private static final String HEADER = """
            <startup_context>
            Startup context from Parley.
            This is background context about recent work on this thread. It may be incomplete or stale. \
            Use it to inform responses, and do not repeat it back unless relevant.

            ## Current Thread
            Most recent user/assistant turns from this exact thread. Use them for continuity when responding.""";
    private static final String FOOTER = "</startup_context>";

    /** One completed turn: the user's text and the turn's final agent message, if any. */
    public record CompletedTurn(String userText, @Nullable String agentMessage) {
    }

    private StartupContext() {
    }

    /** The context for the given turns (newest first); {@code ""} when there are none. */
    public static String render(List<CompletedTurn> newestFirst) {
        if (newestFirst.isEmpty()) {
            return "";
        }
        List<String> sections = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            String block = truncateMiddle(block(newestFirst.get(i)), TURN_BLOCK_TOKENS);
            int tokens = estimateTokens(block);
            if (i > 0 && used + tokens > TURNS_TOKENS) {
                break;
            }
            used += tokens;
            sections.add((i == 0 ? "### Latest turn" : "### Previous turn " + i) + "\n" + block);
        }
        String context = HEADER + "\n\n" + String.join("\n\n", sections) + "\n" + FOOTER;
        // A single section cannot reach the cap; the check keeps future sections from breaking it.
        return truncateMiddle(context, CONTEXT_TOKENS);
    }

    /** ceil(UTF-8 bytes / 4). */
    static int estimateTokens(String text) {
        return (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4;
    }

    /**
     * Keeps a head and a tail of equal byte budget (cut on character boundaries) and puts
     * {@code …<N> tokens truncated…} between them, so that the result, marker included, stays within
     * {@code maxTokens} ({@code 03} §5 "middle-truncated to 300 tokens"; {@code 07} C-23 checks every block is at
     * most 300). The marker's bytes are taken from the budget before the head and the tail share the rest; Codex
     * adds the marker on top of the budget instead. Only a budget smaller than the marker itself is exceeded.
     */
    static String truncateMiddle(String text, int maxTokens) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int budget = maxTokens * 4;
        if (bytes.length <= budget) {
            return text;
        }
        // no more tokens can be removed than the text has: that count's marker is the longest one possible
        int kept = Math.max(0, budget - marker(estimateTokens(text)).getBytes(StandardCharsets.UTF_8).length);
        int head = kept / 2;
        while (head > 0 && isContinuation(bytes[head])) {
            head--;
        }
        int tailStart = bytes.length - (kept - kept / 2);
        while (tailStart < bytes.length && isContinuation(bytes[tailStart])) {
            tailStart++;
        }
        int removed = tailStart - head;
        return new String(bytes, 0, head, StandardCharsets.UTF_8) + marker((removed + 3) / 4)
                + new String(bytes, tailStart, bytes.length - tailStart, StandardCharsets.UTF_8);
    }

    private static String marker(int removedTokens) {
        return "…" + removedTokens + " tokens truncated…";
    }

    private static String block(CompletedTurn turn) {
        String user = "User:\n" + turn.userText();
        return turn.agentMessage() == null ? user : user + "\n\nAssistant:\n" + turn.agentMessage();
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
