package dev.parley.realtime.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The {@code session.instructions} rules of {@code 03} §5: prompt, startup context and how they combine. */
public final class RealtimeInstructions {

    public static final String DEFAULT_PROMPT_RESOURCE = "realtime/default-prompt.md";

    private static final String DEFAULT_PROMPT = loadDefaultPrompt();

    private RealtimeInstructions() {
    }

    /**
     * The prompt: a non-blank backend prompt wins; else the start request's prompt ({@code Optional.of("")}
     * for an explicit JSON {@code null}); else the built-in default.
     *
     * @param requestPrompt the start param {@code prompt}: empty when absent, {@code ""} when JSON null
     */
    public static String prompt(@Nullable String backendPrompt, Optional<String> requestPrompt) {
        if (backendPrompt != null && !backendPrompt.isBlank()) {
            return backendPrompt;
        }
        return requestPrompt.orElse(DEFAULT_PROMPT);
    }

    /**
     * The startup context: {@code ""} when the request opts out; else the configured context verbatim (even
     * {@code ""}); else the generated one (see {@link StartupContext}).
     */
    public static String startupContext(boolean includeStartupContext, @Nullable String configured,
            Supplier<String> generated) {
        if (!includeStartupContext) {
            return "";
        }
        return configured != null ? configured : generated.get();
    }

    /** Both empty → {@code ""}; one empty → the other; both → {@code prompt + "\n\n" + context}. */
    public static String combine(String prompt, String startupContext) {
        if (prompt.isEmpty()) {
            return startupContext;
        }
        return startupContext.isEmpty() ? prompt : prompt + "\n\n" + startupContext;
    }

    /** The built-in prompt, trailing whitespace trimmed. */
    public static String defaultPrompt() {
        return DEFAULT_PROMPT;
    }

    private static String loadDefaultPrompt() {
        try (InputStream in = RealtimeInstructions.class.getClassLoader()
                .getResourceAsStream(DEFAULT_PROMPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_PROMPT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
