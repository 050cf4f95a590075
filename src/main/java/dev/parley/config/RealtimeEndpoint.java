package dev.parley.config;

import dev.parley.realtime.upstream.ApiKeyResolver;
import dev.parley.realtime.upstream.UpstreamPreflight;
import dev.parley.realtime.upstream.UpstreamUrl;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The resolved upstream base URL. With an explicit {@code parley.realtime.base-url} that URL; else with a key
 * {@value UpstreamUrl#OPENAI_BASE_URL}; else the embedded simulator at the port the web server actually bound,
 * known only once it has started (so {@code server.port=0} works).
 */
public final class RealtimeEndpoint implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(RealtimeEndpoint.class);

    private final RealtimeProperties properties;
    private final AgentProperties agent;
    private final ApiKeyResolver apiKeys;
    private final Environment environment;
    private final AtomicInteger serverPort = new AtomicInteger(-1);

    public RealtimeEndpoint(RealtimeProperties properties, AgentProperties agent, ApiKeyResolver apiKeys,
            Environment environment) {
        this.properties = properties;
        this.agent = agent;
        this.apiKeys = apiKeys;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // Only the main server: a management server on its own port must not replace it.
        if (event.getApplicationContext().getServerNamespace() == null) {
            serverPort.set(event.getWebServer().getPort());
            log.info("Parley ready: realtime={}{}, agent={}", baseUrl(), usesSimulator() ? " (simulator)" : "",
                    agent.effectiveProvider());
        }
    }

    /** The base URL to normalise per {@code 03} §3. */
    public String baseUrl() {
        if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            return properties.baseUrl();
        }
        if (apiKeys.resolve(properties.apiKey()).isPresent()) {
            return UpstreamUrl.OPENAI_BASE_URL;
        }
        return simulatorUrl(serverPort.get() >= 0 ? serverPort.get() : environment.getProperty("server.port",
                Integer.class, 8080));
    }

    /** The server-wide defaults for {@link UpstreamPreflight}, with the current base URL. */
    public UpstreamPreflight.Defaults defaults() {
        return new UpstreamPreflight.Defaults(baseUrl(), properties.queryParams(), properties.headers(),
                properties.apiKey(), properties.model(), properties.version(), properties.sessionType(),
                properties.voice());
    }

    static String simulatorUrl(int port) {
        return "ws://localhost:" + port + UpstreamUrl.SIMULATOR_PATH;
    }

    private boolean usesSimulator() {
        return baseUrl().startsWith("ws://localhost:") && baseUrl().endsWith(UpstreamUrl.SIMULATOR_PATH);
    }
}
