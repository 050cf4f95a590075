package dev.parley.simulator;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code parley.simulator.enabled}: explicit {@code true}/{@code false} wins; unset means "on when no realtime
 * API key is configured" ({@code parley.realtime.api-key}, else {@code OPENAI_API_KEY}).
 */
public final class SimulatorEnabledCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isEnabled(context.getEnvironment());
    }

    public static boolean isEnabled(Environment environment) {
        String explicit = environment.getProperty("parley.simulator.enabled");
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.strip());
        }
        return isBlank(environment.getProperty("parley.realtime.api-key"))
                && isBlank(environment.getProperty("OPENAI_API_KEY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
