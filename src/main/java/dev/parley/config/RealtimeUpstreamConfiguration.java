package dev.parley.config;

import dev.parley.realtime.upstream.ApiKeyResolver;
import dev.parley.realtime.upstream.UpstreamConnector;
import dev.parley.realtime.upstream.UpstreamPreflight;
import dev.parley.realtime.upstream.WebSocketUpstreamConnector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the upstream realtime client from {@link RealtimeProperties}. */
@Configuration(proxyBeanMethods = false)
public class RealtimeUpstreamConfiguration {

    /** Reads {@code OPENAI_API_KEY} through the Spring environment, so tests can override it as a property. */
    @Bean
    ApiKeyResolver realtimeApiKeyResolver(Environment environment) {
        return new ApiKeyResolver(environment::getProperty);
    }

    @Bean
    UpstreamPreflight upstreamPreflight(ApiKeyResolver apiKeys) {
        return new UpstreamPreflight(apiKeys);
    }

    @Bean
    RealtimeEndpoint realtimeEndpoint(RealtimeProperties properties, AgentProperties agent, ApiKeyResolver apiKeys,
            Environment environment) {
        return new RealtimeEndpoint(properties, agent, apiKeys, environment);
    }

    @Bean
    UpstreamConnector upstreamConnector(RealtimeProperties properties, Environment environment) {
        WebSocketUpstreamConnector.Settings defaults = WebSocketUpstreamConnector.Settings.defaults();
        return new WebSocketUpstreamConnector(new WebSocketUpstreamConnector.Settings(properties.connectTimeout(),
                properties.maxInboundMessageSize().toBytes(), properties.closeTimeout(), properties.sendTimeout(),
                defaults.inboundCapacity(), localhostAddress(environment.getProperty("server.address"))));
    }

    /**
     * The address dialled for {@code localhost}: the server's bind address when it is a loopback address,
     * else 127.0.0.1 ({@code 02} §11: connect where the server listens even if {@code localhost} is {@code ::1}).
     */
    static InetAddress localhostAddress(String serverAddress) {
        try {
            if (serverAddress != null && !serverAddress.isBlank()) {
                InetAddress bound = InetAddress.getByName(serverAddress);
                if (bound.isLoopbackAddress()) {
                    return bound;
                }
            }
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
