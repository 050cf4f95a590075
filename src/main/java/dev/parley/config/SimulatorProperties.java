package dev.parley.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parley.simulator.*}.
 *
 * @param enabled serve the embedded simulator; unset means "when no realtime API key is configured"
 *                (evaluated by {@code dev.parley.simulator.SimulatorEnabledCondition})
 */
@ConfigurationProperties("parley.simulator")
public record SimulatorProperties(@Nullable Boolean enabled) {
}
