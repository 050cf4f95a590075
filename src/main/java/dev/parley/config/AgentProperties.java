package dev.parley.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent that runs turns ({@code parley.agent.*}).
 *
 * @param provider {@code openai} or {@code builtin} (any case); unset or blank means {@code openai} when an API
 *     key is set, else {@code builtin}; any other value fails startup
 * @param baseUrl Responses API base; unset means the public API with a key, else the embedded simulator
 * @param apiKey bearer key for the Responses API ({@code application.yml} defaults it to
 *     {@code OPENAI_API_KEY}); never logged
 * @param model default agent model
 * @param requestTimeout whole-response timeout
 * @param connectTimeout TCP/TLS connect timeout of the Responses API client
 */
@ConfigurationProperties("parley.agent")
public record AgentProperties(
        @Nullable AgentProvider provider,
        @Nullable String baseUrl,
        @Nullable String apiKey,
        @DefaultValue("gpt-5.1") String model,
        @DefaultValue("120s") Duration requestTimeout,
        @DefaultValue("10s") Duration connectTimeout) {

    public AgentProperties {
        apiKey = apiKey == null ? "" : apiKey.strip();
    }

    /** The provider in effect: the configured one, else {@code openai} with an API key, else {@code builtin}. */
    public AgentProvider effectiveProvider() {
        if (provider != null) {
            return provider;
        }
        return apiKey.isEmpty() ? AgentProvider.BUILTIN : AgentProvider.OPENAI;
    }

    @Override
    public String toString() {
        return "AgentProperties[provider=" + effectiveProvider() + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isEmpty() ? "" : "<redacted>") + ", model=" + model + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + "]";
    }
}
