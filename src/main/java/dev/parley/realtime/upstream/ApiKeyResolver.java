package dev.parley.realtime.upstream;

import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the upstream API key: the configured key if not blank, else the {@code OPENAI_API_KEY}
 * environment variable if not blank. The environment is read through a function so tests can stub it.
 */
public final class ApiKeyResolver {

    public static final String ENV_VARIABLE = "OPENAI_API_KEY";

    private final Function<String, @Nullable String> environment;

    public ApiKeyResolver(Function<String, @Nullable String> environment) {
        this.environment = environment;
    }

    /** Reads the real process environment. */
    public static ApiKeyResolver fromSystemEnvironment() {
        return new ApiKeyResolver(System::getenv);
    }

    public Optional<String> resolve(@Nullable String configuredKey) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return Optional.of(configuredKey);
        }
        return Optional.ofNullable(environment.apply(ENV_VARIABLE)).filter(key -> !key.isBlank());
    }
}
