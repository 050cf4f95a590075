package dev.parley.config;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The resolved Responses API base URL ({@code 02} §11): an explicit {@code parley.agent.base-url}; else
 * {@value #OPENAI_BASE_URL} with an agent API key; else the embedded simulator at the port the web server
 * actually bound, known only once it has started (so {@code server.port=0} works).
 */
public final class AgentEndpoint implements ApplicationListener<WebServerInitializedEvent> {

    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String SIMULATOR_PATH = "/sim/v1";

    private final AgentProperties properties;
    private final Environment environment;
    private final AtomicInteger serverPort = new AtomicInteger(-1);

    public AgentEndpoint(AgentProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // Only the main server: a management server on its own port must not replace it.
        if (event.getApplicationContext().getServerNamespace() == null) {
            serverPort.set(event.getWebServer().getPort());
        }
    }

    public String baseUrl() {
        if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            return properties.baseUrl();
        }
        if (!properties.apiKey().isEmpty()) {
            return OPENAI_BASE_URL;
        }
        int port = serverPort.get() >= 0 ? serverPort.get()
                : environment.getProperty("server.port", Integer.class, 8080);
        return "http://localhost:" + port + SIMULATOR_PATH;
    }
}
