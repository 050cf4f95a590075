package dev.parley.thread;

import dev.parley.config.AgentProperties;
import dev.parley.config.RpcProperties;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires subscriptions, the per-thread FIFO lanes and the thread service. The {@link ThreadStore} comes from
 * {@code dev.parley.store.StoreConfiguration}, by {@code parley.store.type}.
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
        return new ThreadService(store, notifications, clock, version, agent.effectiveProvider(), agent.model());
    }
}
