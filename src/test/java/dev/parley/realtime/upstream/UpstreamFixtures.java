package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;
import java.time.Duration;
import java.util.Map;

/** Shared builders for upstream tests. */
final class UpstreamFixtures {

    static final ApiKeyResolver NO_ENV = new ApiKeyResolver(name -> null);

    private UpstreamFixtures() {
    }

    static UpstreamSessionConfig config(String baseUrl, RealtimeConversationVersion version, SessionType sessionType,
            String instructions) throws UpstreamException.Preflight {
        UpstreamPreflight.Defaults defaults = new UpstreamPreflight.Defaults(baseUrl, Map.of(), Map.of(), "dummy",
                "realtime-test-model", version, sessionType, null);
        return new UpstreamPreflight(NO_ENV).prepare(defaults, new UpstreamPreflight.Start(null, null, null,
                RealtimeOutputModality.AUDIO, null, "conv_123", instructions));
    }

    static UpstreamSessionConfig v1(String baseUrl) throws UpstreamException.Preflight {
        return config(baseUrl, RealtimeConversationVersion.V1, SessionType.CONVERSATIONAL, "backend prompt");
    }

    static UpstreamSessionConfig v2(String baseUrl) throws UpstreamException.Preflight {
        return config(baseUrl, RealtimeConversationVersion.V2, SessionType.CONVERSATIONAL, "backend prompt");
    }

    static WebSocketUpstreamConnector connector() {
        return new WebSocketUpstreamConnector(WebSocketUpstreamConnector.Settings.defaults()
                .withCloseTimeout(Duration.ofSeconds(2)));
    }
}
