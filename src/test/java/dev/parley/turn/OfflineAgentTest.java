package dev.parley.turn;

import static dev.parley.turn.TurnTestSupport.idle;
import static dev.parley.turn.TurnTestSupport.startThread;
import static dev.parley.turn.TurnTestSupport.turnStartParams;
import static dev.parley.turn.TurnTestSupport.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.AgentEndpoint;
import dev.parley.testsupport.RpcTestClient;
import dev.parley.turn.agent.AgentBackend;
import dev.parley.turn.agent.AgentFailure;
import dev.parley.turn.agent.AgentOutput;
import dev.parley.turn.agent.AgentRequest;
import dev.parley.turn.agent.BuiltinAgentBackend;
import dev.parley.turn.agent.CancellationSignal;
import dev.parley.turn.agent.ContextMessage;
import dev.parley.turn.agent.OpenAiResponsesBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The offline default ({@code 01} §3, {@code 05} §3): no API key anywhere → the builtin backend runs turns,
 * and the agent base URL resolves to the embedded simulator, whose {@code /sim/v1/responses} serves the
 * {@code openai} backend for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.agent.api-key=", "OPENAI_API_KEY=", "parley.agent.base-url=", "parley.agent.provider=",
        "parley.realtime.api-key="})
class OfflineAgentTest {

    @LocalServerPort
    int port;

    @Autowired
    AgentBackend backend;

    @Autowired
    AgentEndpoint endpoint;

    @Test
    void withoutAKeyTheBuiltinAgentAnswersTurnsInSeveralDeltas() {
        assertThat(backend).isInstanceOf(BuiltinAgentBackend.class);
        try (RpcTestClient client = RpcTestClient.initialized(port)) {
            String threadId = startThread(client);
            client.request("turn/start", turnStartParams(threadId, "hello"));
            List<JsonNode> seen = until(client, idle());

            String answer = "You said: hello. (builtin agent: set OPENAI_API_KEY for a real model)";
            assertThat(seen.stream().filter(m -> "item/agentMessage/delta".equals(m.path("method").asString("")))
                    .map(m -> m.get("params").get("delta").asString()).toList())
                    .hasSizeGreaterThan(2).satisfies(deltas -> assertThat(String.join("", deltas)).isEqualTo(answer));
            JsonNode completed = seen.stream().filter(TurnTestSupport.method("turn/completed")).findFirst()
                    .orElseThrow().get("params").get("turn");
            assertThat(completed.get("status").asString()).isEqualTo("completed");
            assertThat(completed.get("items").get(0).get("text").asString()).isEqualTo(answer);
        }
    }

    @Test
    void theAgentBaseUrlDefaultsToTheSimulatorWhichServesTheOpenaiBackend() throws AgentFailure {
        assertThat(endpoint.baseUrl()).isEqualTo("http://localhost:" + port + "/sim/v1");
        List<String> calls = new ArrayList<>();
        AgentOutput output = new AgentOutput() {
            @Override
            public void messageStarted() {
                calls.add("started");
            }

            @Override
            public void textDelta(String delta) {
                calls.add("delta");
            }

            @Override
            public void messageCompleted(String text) {
                calls.add(text);
            }
        };
        try (OpenAiResponsesBackend openai = new OpenAiResponsesBackend(endpoint::baseUrl, "", Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            openai.respond(new AgentRequest("gpt-5.1", null, List.of(ContextMessage.user(List.of(
                    "<realtime_delegation>\n  <input>book a table</input>\n</realtime_delegation>")))), output,
                    new CancellationSignal());
        }
        assertThat(calls.getFirst()).isEqualTo("started");
        assertThat(calls).contains("delta");
        assertThat(calls.getLast())
                .isEqualTo("Simulated agent: you asked \"book a table\". This answer comes from the Parley simulator.");
    }
}
