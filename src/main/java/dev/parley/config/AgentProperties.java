package dev.parley.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent that runs turns ({@code parley.agent.*}).
 *
 * @param provider {@code openai} or {@code builtin}; unset means {@code openai} when an API key is set,
 *     else {@code builtin}
 * @param baseUrl Responses API base; unset means the public API with a key, else the embedded simulator
 * @param apiKey bearer key for the Responses API ({@code application.yml} defaults it to
 *     {@code OPENAI_API_KEY}); never logged
 * @param model default agent model
 * @param requestTimeout whole-response timeout
 * @param connectTimeout TCP/TLS connect timeout of the Responses API client
 */
@ConfigurationProperties("parley.agent")
public record AgentProperties(
        @Nullable String provider,
        @Nullable String baseUrl,
        @Nullable String apiKey,
        @DefaultValue("gpt-5.1") String model,
        @DefaultValue("120s") Duration requestTimeout,
        @DefaultValue("10s") Duration connectTimeout) {

    public static final String OPENAI = "openai";
    public static final String BUILTIN = "builtin";

    public AgentProperties {
        apiKey = apiKey == null ? "" : apiKey.strip();
        if (provider != null && !provider.isBlank() && !OPENAI.equals(provider) && !BUILTIN.equals(provider)) {
            throw new IllegalArgumentException("parley.agent.provider must be openai or builtin, not " + provider);
        }
    }

    /** The provider in effect: the configured one, else {@code openai} with an API key, else {@code builtin}. */
    public String effectiveProvider() {
        if (provider != null && !provider.isBlank()) {
            return provider;
        }
        return apiKey.isEmpty() ? BUILTIN : OPENAI;
    }

    @Override
    public String toString() {
        return "AgentProperties[provider=" + effectiveProvider() + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isEmpty() ? "" : "<redacted>") + ", model=" + model + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + "]";
    }
}
