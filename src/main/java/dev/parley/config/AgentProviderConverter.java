package dev.parley.config;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code parley.agent.provider}: Boot's own enum conversion would fail an unknown value with "No enum
 * constant", naming neither the property nor the allowed values; this one names both. A blank value is unset.
 */
final class AgentProviderConverter implements Converter<String, AgentProvider> {

    @Override
    public @Nullable AgentProvider convert(String source) {
        return source.isBlank() ? null : AgentProvider.fromName(source.strip());
    }
}
