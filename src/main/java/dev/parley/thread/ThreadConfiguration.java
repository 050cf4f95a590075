package dev.parley.thread;

import dev.parley.config.AgentProperties;
import dev.parley.config.RpcProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires subscriptions, the per-thread FIFO lanes, the thread service and the store flush step of a graceful
 * shutdown. The {@link ThreadStore} comes from {@code dev.parley.store.StoreConfiguration}, by
 * {@code parley.store.type}.
 */
@Configuration(proxyBeanMethods = false)
public class ThreadConfiguration {

    @Bean
    SubscriptionRegistry subscriptionRegistry(List<SubscriptionListener> listeners) {
        return new SubscriptionRegistry(listeners);
    }

    @Bean
    ThreadLanes threadLanes(@Qualifier("parleyExecutor") ExecutorService executor, RpcProperties properties) {
        return new ThreadLanes(executor, properties.threadQueueLimit());
    }

    @Bean
    ThreadService threadService(ThreadStore store, NotificationPublisher notifications, Clock clock,
            @Value("${parley.version}") String version, AgentProperties agent) {
        return new ThreadService(store, notifications, clock, version, agent.effectiveProvider().wireName(), agent.model());
    }

    /** The last step of a graceful shutdown: every {@link StoreFlush} writes what it still holds. */
    @Bean
    ShutdownStep storeFlushStep(ObjectProvider<StoreFlush> flushes,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new ShutdownStep("store flush", ShutdownPhases.STORE_FLUSH, timeout, deadline -> {
            for (StoreFlush flush : flushes.orderedStream().toList()) {
                flush.flush(max(Duration.ZERO, Duration.between(Instant.now(), deadline)));
            }
        });
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
