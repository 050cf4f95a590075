package dev.parley.config;

import dev.parley.protocol.WireJson;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Shared infrastructure: the wire JSON mapper (also used by Spring MVC), the clock and Parley's executor. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    /** The wire mapper; Boot's own mapper backs off, so REST and RPC serialise identically. */
    @Bean
    JsonMapper jsonMapper() {
        return WireJson.mapper();
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
}
