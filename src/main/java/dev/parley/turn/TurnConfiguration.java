package dev.parley.turn;

import dev.parley.config.AgentEndpoint;
import dev.parley.config.AgentProperties;
import dev.parley.realtime.conversation.AgentReportSink;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.ShutdownPhases;
import dev.parley.thread.ShutdownStep;
import dev.parley.thread.ThreadService;
import dev.parley.turn.agent.AgentBackend;
import dev.parley.turn.agent.BuiltinAgentBackend;
import dev.parley.turn.agent.OpenAiResponsesBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the agent backend chosen by {@code parley.agent.provider}, the turn service (which also routes voice
 * handoffs into turns) and the turns' shutdown step.
 */
@Configuration(proxyBeanMethods = false)
public class TurnConfiguration {

    @Bean
    AgentEndpoint agentEndpoint(AgentProperties properties, Environment environment) {
        return new AgentEndpoint(properties, environment);
    }

    @Bean
    AgentBackend agentBackend(AgentProperties properties, AgentEndpoint endpoint) {
        return switch (properties.effectiveProvider()) {
            case OPENAI -> new OpenAiResponsesBackend(endpoint::baseUrl, properties.apiKey(),
                    properties.connectTimeout(), properties.requestTimeout());
            case BUILTIN -> new BuiltinAgentBackend();
        };
    }

    /**
     * The turns report to every {@link AgentReportSink} bean (the realtime conversation manager), looked up per
     * report: the manager routes handoffs into this service, so resolving it at construction would be a cycle.
     * This service is in turn the manager's handoff router.
     */
    @Bean
    TurnService turnService(ThreadService threads, NotificationPublisher notifications, Clock clock,
            AgentBackend backend, @Qualifier("parleyExecutor") ExecutorService executor,
            ObjectProvider<AgentReportSink> sinks) {
        AgentReportSink all = report -> sinks.orderedStream().forEach(sink -> sink.report(report));
        return new TurnService(threads, notifications, clock, backend, executor, all);
    }

    /** Graceful shutdown: running turns end {@code interrupted} (recorded) before the store is flushed. */
    @Bean
    ShutdownStep turnShutdownStep(TurnService turns,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new ShutdownStep("agent turns", ShutdownPhases.TURNS, timeout, turns::shutdown);
    }
}
