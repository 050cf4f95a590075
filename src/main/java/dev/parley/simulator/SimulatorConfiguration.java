package dev.parley.simulator;

import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the embedded realtime simulator at {@value #REALTIME_PATH} when {@link SimulatorEnabledCondition} holds. */
@Configuration(proxyBeanMethods = false)
@Conditional(SimulatorEnabledCondition.class)
@EnableWebSocket
public class SimulatorConfiguration implements WebSocketConfigurer {

    public static final String REALTIME_PATH = "/sim/v1/realtime";

    private final SimulatorScript script;

    public SimulatorConfiguration(SimulatorScript script) {
        this.script = script;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new RealtimeSimulatorHandler(script), REALTIME_PATH);
    }
}
