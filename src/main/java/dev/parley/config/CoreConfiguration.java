package dev.parley.config;

import dev.parley.protocol.WireJson;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared infrastructure: the wire JSON mapper (also used by Spring MVC), the clock, Parley's executor and the
 * converters of {@code parley.*} properties.
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    /**
     * The wire mapper settings for everything, so REST and RPC serialise identically (Boot's own mapper
     * backs off); Spring's problem-detail mix-in keeps RFC 9457 bodies in their standard shape.
     */
    @Bean
    JsonMapper jsonMapper() {
        return WireJson.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One virtual thread per task: request handlers, lanes, notification senders. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService parleyExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("parley-", 0).factory());
    }

    /** Static: properties are bound before this configuration is instantiated. */
    @Bean
    @ConfigurationPropertiesBinding
    static AgentProviderConverter agentProviderConverter() {
        return new AgentProviderConverter();
    }
}
