package dev.parley.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may talk to Parley ({@code parley.security.*}).
 *
 * @param token bearer token for {@code /rpc} and {@code /api/**}; blank disables the check. Required when
 *     the server binds to a non-loopback address.
 * @param allowedOrigins extra {@code Origin} values allowed besides same-origin; {@code *} allows all
 */
@ConfigurationProperties("parley.security")
public record SecurityProperties(@DefaultValue("") String token, @DefaultValue List<String> allowedOrigins) {

    public SecurityProperties {
        token = token == null ? "" : token.strip();
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "SecurityProperties[token=" + (tokenRequired() ? "<redacted>" : "") + ", allowedOrigins="
                + allowedOrigins + "]";
    }
}
