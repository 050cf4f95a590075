package dev.parley.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The agent backend that runs turns ({@code parley.agent.provider}). */
public enum AgentProvider {
    /** The Responses API over SSE. */
    OPENAI,
    /** The offline backend built into Parley. */
    BUILTIN;

    /**
     * The provider named {@code name}, ignoring case (as Boot binds enums).
     *
     * @throws IllegalArgumentException naming the allowed values, when {@code name} is none of them
     */
    public static AgentProvider fromName(String name) {
        return Arrays.stream(values()).filter(provider -> provider.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("parley.agent.provider must be one of "
                        + Arrays.stream(values()).map(AgentProvider::wireName).collect(Collectors.joining(", "))
                        + ", not " + name));
    }

    /** The configuration and wire name ({@code modelProvider}), e.g. {@code openai}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name, which is also how Boot's startup failure report lists the allowed values. */
    @Override
    public String toString() {
        return wireName();
    }
}
