package dev.parley.realtime.conversation;

import dev.parley.config.RealtimeEndpoint;
import dev.parley.config.RealtimeProperties;
import dev.parley.realtime.upstream.UpstreamConnector;
import dev.parley.realtime.upstream.UpstreamPreflight;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.ShutdownPhases;
import dev.parley.thread.ShutdownStep;
import dev.parley.thread.SubscriptionListener;
import dev.parley.thread.SubscriptionRegistry;
import dev.parley.thread.ThreadLanes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the conversation manager (its handoff router comes from the turn layer), the orphan-timer hook and the
 * conversations' shutdown step.
 */
@Configuration(proxyBeanMethods = false)
public class ConversationConfiguration {

    /**
     * The orphan timer's scheduler is owned by the manager rather than published as a bean: a
     * {@code ScheduledExecutorService} bean would make Boot's own task scheduler back off.
     */
    @Bean(destroyMethod = "close")
    RealtimeConversationManager realtimeConversationManager(RealtimeProperties properties, RealtimeEndpoint endpoint,
            UpstreamPreflight preflight, UpstreamConnector connector, NotificationPublisher notifications,
            HandoffRouter router, ThreadLanes lanes, ObjectProvider<SubscriptionRegistry> subscriptions,
            MeterRegistry registry, Clock clock, RealtimeTimelineStore timeline) {
        return new RealtimeConversationManager(
                new RealtimeStartPreflight(preflight, endpoint::defaults, properties.backendPrompt(),
                        properties.startupContext()),
                connector, notifications, router, lanes,
                threadId -> subscriptions.getObject().subscriberCount(threadId), registry, clock,
                new RealtimeConversationManager.Settings(properties.closeTimeout(), properties.orphanTimeout(),
                        properties.v1HandoffGrace(), properties.audioMaxDelay(), properties.maxConversations()),
                timeline);
    }

    /**
     * The orphan timer's subscription hook. The manager is looked up lazily: the subscription registry is built
     * from the listeners, and the manager depends (through the notification router) on that registry.
     */
    @Bean
    SubscriptionListener realtimeOrphanListener(ObjectProvider<RealtimeConversationManager> manager) {
        return new SubscriptionListener() {
            @Override
            public void firstSubscriberJoined(String threadId) {
                manager.getObject().firstSubscriberJoined(threadId);
            }

            @Override
            public void lastSubscriberLeft(String threadId) {
                manager.getObject().lastSubscriberLeft(threadId);
            }
        };
    }

    /** Graceful shutdown: every conversation ends with {@code closed{shutdown}} before turns are interrupted. */
    @Bean
    ShutdownStep realtimeShutdownStep(RealtimeConversationManager manager,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        ConversationShutdown shutdown = new ConversationShutdown(manager);
        return new ShutdownStep("realtime conversations", ShutdownPhases.CONVERSATIONS, timeout, shutdown::run);
    }
}
