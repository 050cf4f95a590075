package dev.parley.turn;

import static dev.parley.testsupport.FakeResponses.builder;
import static dev.parley.testsupport.FakeResponses.msg;
import static dev.parley.testsupport.FakeResponses.userTexts;
import static dev.parley.turn.TurnTestSupport.idle;
import static dev.parley.turn.TurnTestSupport.kinds;
import static dev.parley.turn.TurnTestSupport.method;
import static dev.parley.turn.TurnTestSupport.startThread;
import static dev.parley.turn.TurnTestSupport.turnStartParams;
import static dev.parley.turn.TurnTestSupport.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.TurnStatus;
import dev.parley.realtime.conversation.AgentReport;
import dev.parley.realtime.conversation.AgentReportSink;
import dev.parley.realtime.conversation.ConversationToken;
import dev.parley.realtime.conversation.HandoffRouter;
import dev.parley.realtime.conversation.HandoffTag;
import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The handoff-facing API of the turn layer ({@code 05} §4) driven directly, as the conversation's publisher
 * will: {@link HandoffRouter#route} starts or steers turns, and an {@link AgentReportSink} bean receives the
 * reports of tagged turns. Clients and the Responses API are real sockets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.agent.provider=openai", "parley.agent.api-key=dummy", "parley.simulator.enabled=false"})
class HandoffRoutingTest {

    static final FakeResponses RESPONSES = FakeResponses.start();
    static final String ENVELOPE = "<realtime_delegation>\n  <input>find a table &amp; book it</input>\n"
            + "</realtime_delegation>";

    @DynamicPropertySource
    static void agentBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("parley.agent.base-url", RESPONSES::baseUrl);
    }

    @AfterAll
    static void stopResponses() {
        RESPONSES.close();
    }

    @TestConfiguration
    static class Reports {
        @Bean
        RecordingReportSink recordingReportSink() {
            return new RecordingReportSink();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    HandoffRouter router;

    @Autowired
    RecordingReportSink reports;

    private final ConversationToken token = new ConversationToken("no-conversation");
    private RpcTestClient client;
    private String threadId;

    @BeforeEach
    void openThread() {
        RESPONSES.script();
        reports.clear();
        client = RpcTestClient.initialized(port);
        threadId = startThread(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aHandoffOnAnIdleThreadStartsADelegatedTurnAndItsMessagesAndEndAreReported() {
        RESPONSES.script(msg("On it."));
        HandoffTag tag = new HandoffTag(token, "handoff_1");

        HandoffRouter.RouteResult result = router.route(threadId, ENVELOPE, tag);

        assertThat(result).isInstanceOf(HandoffRouter.RouteResult.Started.class);
        String turnId = ((HandoffRouter.RouteResult.Started) result).turnId();
        List<JsonNode> seen = until(client, idle());
        assertThat(kinds(seen)).containsExactly("thread/status/changed", "turn/started", "item/started:userMessage",
                "item/completed:userMessage", "item/started:agentMessage", "item/agentMessage/delta",
                "item/agentMessage/delta", "item/completed:agentMessage", "turn/completed", "thread/status/changed");
        TurnTestSupport.assertSameTurnIds(seen, turnId);
        JsonNode userItem = seen.get(3).get("params").get("item");
        assertThat(userItem.get("clientId").isNull()).isTrue();
        assertThat(userItem.get("content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":" + TurnTestSupport.quote(ENVELOPE) + ",\"text_elements\":[]}]");
        assertThat(userTexts(RESPONSES.awaitRequests(1).getFirst())).containsExactly(ENVELOPE);

        assertThat(reports.next()).isEqualTo(new AgentReport.AgentMessage(turnId, Set.of(tag), "On it."));
        assertThat(reports.next()).isEqualTo(new AgentReport.TurnEnded(turnId, TurnStatus.COMPLETED,
                Set.of(tag)));
        JsonNode thread = client.request("thread/read", "{\"threadId\":\"" + threadId + "\"}").get("result")
                .get("thread");
        assertThat(thread.get("preview").asString()).as("delegated turns never set the preview").isEmpty();
    }

    @Test
    void aHandoffWhileATypedTurnRunsSteersItAndTagsEveryLaterReport() {
        RESPONSES.script(builder().created().gate().message("first done").completed().build(), msg("steered done"));
        String turnId = client.request("turn/start", turnStartParams(threadId, "first prompt")).get("result")
                .get("turn").get("id").asString();
        RESPONSES.awaitRequests(1);
        HandoffTag tag = new HandoffTag(token, "handoff_steer");

        HandoffRouter.RouteResult routed = router.route(threadId, ENVELOPE, tag);
        RESPONSES.release();
        List<JsonNode> seen = until(client, idle());

        // the steer's inputItemId is the user-message item that carries the envelope
        String steerItemId = seen.stream().filter(method("item/started"))
                .map(m -> m.get("params").get("item"))
                .filter(item -> "userMessage".equals(item.get("type").asString())
                        && ENVELOPE.equals(item.at("/content/0/text").asString("")))
                .map(item -> item.get("id").asString()).findFirst().orElseThrow();
        assertThat(routed).isEqualTo(new HandoffRouter.RouteResult.Steered(turnId, steerItemId));

        assertThat(seen.stream().filter(method("turn/started")).count()).as("one turn, steered").isEqualTo(1);
        assertThat(reports.next()).isEqualTo(new AgentReport.AgentMessage(turnId, Set.of(tag), "first done"));
        assertThat(reports.next()).isEqualTo(new AgentReport.AgentMessage(turnId, Set.of(tag),
                "steered done"));
        assertThat(reports.next()).isEqualTo(new AgentReport.TurnEnded(turnId, TurnStatus.COMPLETED,
                Set.of(tag)));
        List<FakeResponses.Request> requests = RESPONSES.awaitRequests(2);
        assertThat(userTexts(requests.get(0))).containsExactly("first prompt");
        assertThat(userTexts(requests.get(1))).containsExactly("first prompt", ENVELOPE);
    }

    @Test
    void twoHandoffsSteeredIntoOneTurnLeaveBothTagsOnIt() {
        RESPONSES.script(builder().created().gate().message("a").completed().build(), msg("b"));
        HandoffTag first = new HandoffTag(token, "call_1");
        HandoffTag second = new HandoffTag(token, "call_2");
        String turnId = ((HandoffRouter.RouteResult.Started) router.route(threadId, ENVELOPE, first)).turnId();
        RESPONSES.awaitRequests(1);

        assertThat(router.route(threadId, "second envelope", second)).isInstanceOfSatisfying(HandoffRouter.RouteResult.Steered.class,
                steered -> assertThat(steered.turnId()).isEqualTo(turnId));
        RESPONSES.release();

        assertThat(reports.next().tags()).containsExactlyInAnyOrder(first, second);
        assertThat(reports.next().tags()).containsExactlyInAnyOrder(first, second);
        AgentReport end = reports.next();
        assertThat(end).isInstanceOf(AgentReport.TurnEnded.class);
        assertThat(end.tags()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void typedTurnsReportNothingAndAFailedTaggedAgentReportsItsEnd() {
        RESPONSES.script(msg("typed answer"), FakeResponses.status(500));
        client.request("turn/start", turnStartParams(threadId, "typed"));
        until(client, idle());
        HandoffTag tag = new HandoffTag(token, "h_fail");

        String turnId = ((HandoffRouter.RouteResult.Started) router.route(threadId, ENVELOPE, tag)).turnId();

        // the typed turn ended first; had it reported anything, it would come before this
        assertThat(reports.next()).isEqualTo(new AgentReport.TurnEnded(turnId, TurnStatus.FAILED,
                Set.of(tag)));
        assertThat(client.await(method("error")).get("params").get("error").get("message").asString())
                .isEqualTo("agent request failed with HTTP 500");
    }

    @Test
    void aHandoffForAnUnknownThreadIsRejected() {
        assertThat(router.route("no-such-thread", ENVELOPE, new HandoffTag(token, "h")))
                .isInstanceOf(HandoffRouter.RouteResult.Rejected.class);
    }
}
