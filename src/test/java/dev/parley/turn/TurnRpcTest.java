package dev.parley.turn;

import static dev.parley.testsupport.FakeResponses.builder;
import static dev.parley.testsupport.FakeResponses.msg;
import static dev.parley.testsupport.FakeResponses.userTexts;
import static dev.parley.testsupport.JsonAssert.assertJson;
import static dev.parley.turn.TurnTestSupport.idle;
import static dev.parley.turn.TurnTestSupport.kinds;
import static dev.parley.turn.TurnTestSupport.method;
import static dev.parley.turn.TurnTestSupport.shape;
import static dev.parley.turn.TurnTestSupport.startThread;
import static dev.parley.turn.TurnTestSupport.turnStartParams;
import static dev.parley.turn.TurnTestSupport.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Agent turns over real sockets ({@code 02} §6, {@code 05} §1): RpcTestClient ↔ Parley ↔ a scripted
 * Responses API streaming SSE, with the {@code openai} backend as in profile P1 of {@code 07}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.agent.provider=openai", "parley.agent.api-key=dummy", "parley.simulator.enabled=false"})
class TurnRpcTest {

    static final FakeResponses RESPONSES = FakeResponses.start();

    @DynamicPropertySource
    static void agentBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("parley.agent.base-url", RESPONSES::baseUrl);
    }

    @AfterAll
    static void stopResponses() {
        RESPONSES.close();
    }

    @LocalServerPort
    int port;

    private final ConcurrentLinkedQueue<RpcTestClient> clients = new ConcurrentLinkedQueue<>();
    private RpcTestClient client;
    private String threadId;

    @BeforeEach
    void openThread() {
        RESPONSES.script();
        client = client();
        threadId = startThread(client);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RpcTestClient::close);
    }

    private RpcTestClient client() {
        RpcTestClient created = RpcTestClient.initialized(port);
        clients.add(created);
        return created;
    }

    @Test
    void fullTurnSequenceMatchesTheSpecExample() {
        RESPONSES.script(msg("Tomorrow is Sunday."));
        client.send("{\"id\":30,\"method\":\"turn/start\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"clientUserMessageId\":\"c-1\",\"input\":[{\"type\":\"text\",\"text\":\"What day is it tomorrow?\"}]}}");
        List<JsonNode> seen = until(client, idle());

        assertThat(kinds(seen)).containsExactly("result", "thread/status/changed", "turn/started",
                "item/started:userMessage", "item/completed:userMessage", "item/started:agentMessage",
                "item/agentMessage/delta", "item/agentMessage/delta", "item/completed:agentMessage", "turn/completed",
                "thread/status/changed");
        String user = "{\"type\":\"userMessage\",\"id\":\"*\",\"clientId\":\"c-1\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"What day is it tomorrow?\",\"text_elements\":[]}]}";
        assertJson("{\"id\":30,\"result\":{\"turn\":{\"id\":\"*\",\"items\":[],\"itemsView\":\"notLoaded\","
                + "\"status\":\"inProgress\",\"error\":null,\"startedAt\":null,\"completedAt\":null,\"durationMs\":null}}}",
                shape(seen.get(0)));
        assertJson("{\"method\":\"thread/status/changed\",\"params\":{\"threadId\":\"*\",\"status\":{\"type\":\"active\","
                + "\"activeFlags\":[]}},\"emittedAtMs\":\"*\"}", shape(seen.get(1)));
        assertJson("{\"method\":\"turn/started\",\"params\":{\"threadId\":\"*\",\"turn\":{\"id\":\"*\",\"items\":[],"
                + "\"itemsView\":\"notLoaded\",\"status\":\"inProgress\",\"error\":null,\"startedAt\":\"*\","
                + "\"completedAt\":null,\"durationMs\":null}},\"emittedAtMs\":\"*\"}", shape(seen.get(2)));
        assertJson("{\"method\":\"item/started\",\"params\":{\"item\":" + user + ",\"threadId\":\"*\",\"turnId\":\"*\","
                + "\"startedAtMs\":\"*\"},\"emittedAtMs\":\"*\"}", shape(seen.get(3)));
        assertJson("{\"method\":\"item/completed\",\"params\":{\"item\":" + user + ",\"threadId\":\"*\","
                + "\"turnId\":\"*\",\"completedAtMs\":\"*\"},\"emittedAtMs\":\"*\"}", shape(seen.get(4)));
        assertJson("{\"method\":\"item/started\",\"params\":{\"item\":{\"type\":\"agentMessage\",\"id\":\"*\","
                + "\"text\":\"\"},\"threadId\":\"*\",\"turnId\":\"*\",\"startedAtMs\":\"*\"},\"emittedAtMs\":\"*\"}",
                shape(seen.get(5)));
        assertJson("{\"method\":\"item/agentMessage/delta\",\"params\":{\"threadId\":\"*\",\"turnId\":\"*\","
                + "\"itemId\":\"*\",\"delta\":\"Tomorrow \"},\"emittedAtMs\":\"*\"}", shape(seen.get(6)));
        assertThat(seen.get(7).get("params").get("delta").asString()).isEqualTo("is Sunday.");
        String agent = "{\"type\":\"agentMessage\",\"id\":\"*\",\"text\":\"Tomorrow is Sunday.\"}";
        assertJson("{\"method\":\"item/completed\",\"params\":{\"item\":" + agent + ",\"threadId\":\"*\","
                + "\"turnId\":\"*\",\"completedAtMs\":\"*\"},\"emittedAtMs\":\"*\"}", shape(seen.get(8)));
        assertJson("{\"method\":\"turn/completed\",\"params\":{\"threadId\":\"*\",\"turn\":{\"id\":\"*\",\"items\":["
                + agent + "],\"itemsView\":\"summary\",\"status\":\"completed\",\"error\":null,\"startedAt\":\"*\","
                + "\"completedAt\":\"*\",\"durationMs\":\"*\"}},\"emittedAtMs\":\"*\"}", shape(seen.get(9)));

        String turnId = seen.get(0).get("result").get("turn").get("id").asString();
        TurnTestSupport.assertSameTurnIds(seen, turnId);
        assertThat(seen.get(1).get("params").get("threadId").asString()).isEqualTo(threadId);
        String agentItemId = seen.get(5).get("params").get("item").get("id").asString();
        assertThat(seen.get(6).get("params").get("itemId").asString()).isEqualTo(agentItemId);
        assertThat(seen.get(8).get("params").get("item").get("id").asString()).isEqualTo(agentItemId);
        assertThat(turnId).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void theRequestHasTheExactShapeOfTheResponsesApi() {
        RESPONSES.script(msg("answer"));
        client.request("turn/start", turnStartParams(threadId, "first"));
        until(client, idle());

        FakeResponses.Request request = RESPONSES.awaitRequests(1).getFirst();
        assertThat(request.path()).isEqualTo("/v1/responses");
        assertThat(request.authorization()).isEqualTo("Bearer dummy");
        assertThat(request.accept()).isEqualTo("text/event-stream");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().toString()).isEqualTo("{\"model\":\"gpt-5.1\",\"instructions\":null,\"stream\":true,"
                + "\"store\":false,\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"first\"}]}]}");
    }

    @Test
    void priorTurnsAreTheContextOfTheNextRequestWithTheThreadsModelAndInstructions() {
        RpcTestClient own = client();
        String thread = startThread(own, "{\"model\":\"gpt-test\",\"baseInstructions\":\"Be brief.\"}");
        RESPONSES.script(msg("answer one"), msg("answer two"));
        own.request("turn/start", turnStartParams(thread, "first"));
        until(own, idle());
        own.request("turn/start", turnStartParams(thread, "second"));
        until(own, idle());

        FakeResponses.Request second = RESPONSES.awaitRequests(2).get(1);
        assertThat(second.body().toString()).isEqualTo("{\"model\":\"gpt-test\",\"instructions\":\"Be brief.\","
                + "\"stream\":true,\"store\":false,\"input\":["
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"first\"}]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"answer one\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"second\"}]}]}");
    }

    @Test
    void steerAddsAUserItemAndOneMoreRequestInTheSameTurn() {
        RESPONSES.script(builder().created().messageStart().delta("first ").gate().delta("answer")
                .messageDone("first answer").completed().build(), msg("steered answer"));
        String turnId = client.request("turn/start", turnStartParams(threadId, "first question"))
                .get("result").get("turn").get("id").asString();
        client.await(method("item/agentMessage/delta"));

        JsonNode steer = client.request("turn/steer", "{\"threadId\":\"" + threadId + "\",\"expectedTurnId\":\""
                + turnId + "\",\"clientUserMessageId\":\"c-2\",\"input\":[{\"type\":\"text\",\"text\":\"also this\"}]}");
        assertJson("{\"turnId\":\"" + turnId + "\"}", steer.get("result"));
        JsonNode steerStarted = client.next();
        JsonNode steerCompleted = client.next();
        assertThat(TurnTestSupport.kind(steerStarted)).isEqualTo("item/started:userMessage");
        assertThat(TurnTestSupport.kind(steerCompleted)).isEqualTo("item/completed:userMessage");
        assertJson("{\"type\":\"userMessage\",\"id\":\"*\",\"clientId\":\"c-2\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"also this\",\"text_elements\":[]}]}", shape(steerCompleted.get("params").get("item")));
        RESPONSES.release();
        List<JsonNode> rest = until(client, idle());

        assertThat(kinds(rest)).containsExactly("item/agentMessage/delta", "item/completed:agentMessage",
                "item/started:agentMessage", "item/agentMessage/delta", "item/agentMessage/delta",
                "item/completed:agentMessage", "turn/completed", "thread/status/changed");
        assertThat(rest.get(1).get("params").get("item").get("text").asString()).isEqualTo("first answer");
        assertThat(rest.get(5).get("params").get("item").get("text").asString()).isEqualTo("steered answer");
        JsonNode completed = rest.get(6).get("params").get("turn");
        assertThat(completed.get("status").asString()).isEqualTo("completed");
        assertThat(completed.get("itemsView").asString()).isEqualTo("summary");
        assertThat(completed.get("items").get(0).get("text").asString()).isEqualTo("steered answer");
        TurnTestSupport.assertSameTurnIds(rest, turnId);

        List<FakeResponses.Request> requests = RESPONSES.awaitRequests(2);
        assertThat(userTexts(requests.get(0))).containsExactly("first question");
        assertThat(requests.get(1).body().get("input").toString()).isEqualTo("["
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"first question\"}]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"first answer\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"also this\"}]}]");

        JsonNode turn = client.request("thread/read", "{\"threadId\":\"" + threadId + "\",\"includeTurns\":true}")
                .get("result").get("thread").get("turns").get(0);
        assertThat(turn.get("items").valueStream().map(item -> item.get("type").asString() + ":"
                + (item.has("text") ? item.get("text").asString() : item.get("content").get(0).get("text").asString())))
                .containsExactly("userMessage:first question", "agentMessage:first answer", "userMessage:also this",
                        "agentMessage:steered answer");
    }

    @Test
    void turnStartWhileATurnRunsIsRejectedAndSteerAndInterruptCheckTheTurnId() {
        RESPONSES.script(builder().created().gate().message("late").completed().build());
        String turnId = client.request("turn/start", turnStartParams(threadId, "one"))
                .get("result").get("turn").get("id").asString();
        RESPONSES.awaitRequests(1);

        assertThat(RpcTestClient.errorOf(client.request("turn/start", turnStartParams(threadId, "two"))))
                .isEqualTo("-32600 a turn is already running on thread " + threadId);
        String wrong = "01a2001f-a128-7d44-8e0b-2a6c9f13b7d2";
        assertThat(RpcTestClient.errorOf(client.request("turn/steer", "{\"threadId\":\"" + threadId
                + "\",\"expectedTurnId\":\"" + wrong + "\",\"input\":[{\"type\":\"text\",\"text\":\"x\"}]}")))
                .isEqualTo("-32600 expected active turn id " + wrong + " but found " + turnId);
        assertThat(RpcTestClient.errorOf(client.request("turn/interrupt", "{\"threadId\":\"" + threadId
                + "\",\"turnId\":\"" + wrong + "\"}")))
                .isEqualTo("-32600 expected active turn id " + wrong + " but found " + turnId);
        assertThat(RpcTestClient.errorOf(client.request("turn/steer", "{\"threadId\":\"" + threadId
                + "\",\"expectedTurnId\":\"" + turnId + "\",\"input\":[]}")))
                .isEqualTo("-32602 Invalid params: input must not be empty");
        RESPONSES.release();
        until(client, idle());
    }

    @Test
    void steerAndInterruptWithoutARunningTurnAndBadInputAreRejected() {
        assertThat(RpcTestClient.errorOf(client.request("turn/steer", "{\"threadId\":\"" + threadId
                + "\",\"expectedTurnId\":\"t\",\"input\":[{\"type\":\"text\",\"text\":\"x\"}]}")))
                .isEqualTo("-32600 no active turn to steer");
        assertThat(RpcTestClient.errorOf(client.request("turn/interrupt", "{\"threadId\":\"" + threadId
                + "\",\"turnId\":\"t\"}"))).isEqualTo("-32600 no active turn to interrupt");
        assertThat(RpcTestClient.errorOf(client.request("turn/start", "{\"threadId\":\"" + threadId
                + "\",\"input\":[]}"))).isEqualTo("-32602 Invalid params: input must not be empty");
        assertThat(RpcTestClient.errorOf(client.request("turn/start", "{\"threadId\":\"" + threadId
                + "\",\"input\":[{\"type\":\"image\",\"url\":\"x\"}]}")))
                .isEqualTo("-32602 Invalid params: unsupported input type: image");
        assertThat(RpcTestClient.errorOf(client.request("turn/start", turnStartParams("nope", "x"))))
                .isEqualTo("-32600 thread not found: nope");
        assertThat(RESPONSES.requests()).isEmpty();
    }

    @Test
    void interruptAnswersAfterTheAbortThenCompletesTheTurnInterruptedKeepingThePartialText() {
        RESPONSES.script(builder().created().messageStart().delta("Tomorrow is").gate().delta(" Sunday.")
                .messageDone("Tomorrow is Sunday.").completed().build());
        String turnId = client.request("turn/start", turnStartParams(threadId, "What day is it tomorrow?"))
                .get("result").get("turn").get("id").asString();
        client.await(method("item/agentMessage/delta"));

        client.send("{\"id\":31,\"method\":\"turn/interrupt\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"turnId\":\"" + turnId + "\"}}");
        List<JsonNode> seen = until(client, idle());

        assertThat(kinds(seen)).containsExactly("item/completed:agentMessage", "result", "turn/completed",
                "thread/status/changed");
        assertThat(seen.get(0).get("params").get("item").get("text").asString()).isEqualTo("Tomorrow is");
        assertJson("{\"id\":31,\"result\":{}}", seen.get(1));
        assertJson("{\"method\":\"turn/completed\",\"params\":{\"threadId\":\"*\",\"turn\":{\"id\":\"*\",\"items\":[],"
                + "\"itemsView\":\"notLoaded\",\"status\":\"interrupted\",\"error\":null,\"startedAt\":\"*\","
                + "\"completedAt\":\"*\",\"durationMs\":\"*\"}},\"emittedAtMs\":\"*\"}", shape(seen.get(2)));

        JsonNode turn = client.request("thread/read", "{\"threadId\":\"" + threadId + "\",\"includeTurns\":true}")
                .get("result").get("thread").get("turns").get(0);
        assertThat(turn.get("status").asString()).isEqualTo("interrupted");
        assertThat(turn.get("items").get(1).get("text").asString()).isEqualTo("Tomorrow is");
        // the gate was never opened: the abort did not wait for the model
        assertThat(RESPONSES.requests()).hasSize(1);
    }

    @Test
    void interruptBeforeAnyOutputEndsTheTurnWithoutAgentItems() {
        RESPONSES.script(builder().created().gate().message("never").completed().build());
        String turnId = client.request("turn/start", turnStartParams(threadId, "slow"))
                .get("result").get("turn").get("id").asString();
        RESPONSES.awaitRequests(1);
        until(client, method("item/completed"));

        JsonNode answer = client.request("turn/interrupt", "{\"threadId\":\"" + threadId + "\",\"turnId\":\""
                + turnId + "\"}");
        assertJson("{}", answer.get("result"));
        List<JsonNode> seen = until(client, idle());
        assertThat(kinds(seen)).containsExactly("turn/completed", "thread/status/changed");
        assertThat(seen.get(0).get("params").get("turn").get("status").asString()).isEqualTo("interrupted");
    }

    @ParameterizedTest
    @CsvSource({"500, internalServerError", "401, unauthorized", "403, unauthorized", "429, usageLimitExceeded",
            "503, serverOverloaded", "400, badRequest", "502, internalServerError", "404, other"})
    void backendHttpFailureFailsTheTurnWithAnErrorNotificationFirst(int status, String codexErrorInfo) {
        RESPONSES.script(FakeResponses.status(status));
        client.request("turn/start", turnStartParams(threadId, "hello"));
        List<JsonNode> seen = until(client, idle());

        assertThat(kinds(seen)).containsExactly("thread/status/changed", "turn/started", "item/started:userMessage",
                "item/completed:userMessage", "error", "turn/completed", "thread/status/changed");
        String error = "{\"message\":\"agent request failed with HTTP " + status + "\",\"codexErrorInfo\":\""
                + codexErrorInfo + "\",\"additionalDetails\":null}";
        assertJson("{\"method\":\"error\",\"params\":{\"error\":" + error + ",\"willRetry\":false,\"threadId\":\"*\","
                + "\"turnId\":\"*\"},\"emittedAtMs\":\"*\"}", shape(seen.get(4)));
        assertJson("{\"method\":\"turn/completed\",\"params\":{\"threadId\":\"*\",\"turn\":{\"id\":\"*\",\"items\":[],"
                + "\"itemsView\":\"notLoaded\",\"status\":\"failed\",\"error\":" + error + ",\"startedAt\":\"*\","
                + "\"completedAt\":\"*\",\"durationMs\":\"*\"}},\"emittedAtMs\":\"*\"}", shape(seen.get(5)));
    }

    @Test
    void streamErrorEventFailsTheTurnWithItsMessageAfterCompletingTheOpenItem() {
        RESPONSES.script(builder().created().messageStart().delta("partial")
                .event("{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"The model crashed.\"}").build());
        client.request("turn/start", turnStartParams(threadId, "hello"));
        List<JsonNode> seen = until(client, idle());

        assertThat(kinds(seen).subList(4, seen.size())).containsExactly("item/started:agentMessage",
                "item/agentMessage/delta", "item/completed:agentMessage", "error", "turn/completed",
                "thread/status/changed");
        assertThat(seen.get(6).get("params").get("item").get("text").asString()).isEqualTo("partial");
        assertJson("{\"message\":\"The model crashed.\",\"codexErrorInfo\":\"other\",\"additionalDetails\":null}",
                seen.get(7).get("params").get("error"));
        assertThat(seen.get(8).get("params").get("turn").get("status").asString()).isEqualTo("failed");
    }

    @Test
    void responseFailedEventFailsTheTurn() {
        RESPONSES.script(builder().created().event("{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_fake\","
                + "\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"Something broke.\"}}}").build());
        client.request("turn/start", turnStartParams(threadId, "hello"));
        JsonNode error = client.await(method("error"));
        assertThat(error.get("params").get("error").get("message").asString()).isEqualTo("Something broke.");
        assertThat(client.await(method("turn/completed")).get("params").get("turn").get("status").asString())
                .isEqualTo("failed");
    }

    @Test
    void streamEndingWithoutResponseCompletedFailsTheTurn() {
        RESPONSES.script(builder().created().message("cut short").build());
        client.request("turn/start", turnStartParams(threadId, "hello"));
        List<JsonNode> seen = until(client, idle());
        assertThat(kinds(seen)).contains("item/completed:agentMessage");
        JsonNode error = seen.stream().filter(method("error")).findFirst().orElseThrow();
        assertJson("{\"message\":\"agent stream ended unexpectedly\",\"codexErrorInfo\":\"other\","
                + "\"additionalDetails\":null}", error.get("params").get("error"));
        assertThat(kinds(seen).subList(seen.size() - 3, seen.size()))
                .containsExactly("error", "turn/completed", "thread/status/changed");
    }

    @Test
    void twoMessagesInOneResponseAreTwoItemsAndUnknownEventsAreIgnored() {
        RESPONSES.script(builder().created().event("{\"type\":\"response.reasoning_summary_text.delta\",\"delta\":\"hm\"}")
                .message("first").event("{\"type\":\"response.something_new\"}").message("second").completed().build());
        client.request("turn/start", turnStartParams(threadId, "hello"));
        List<JsonNode> seen = until(client, idle());
        List<String> completedTexts = seen.stream().filter(m -> "item/completed:agentMessage".equals(TurnTestSupport.kind(m)))
                .map(m -> m.get("params").get("item").get("text").asString()).toList();
        assertThat(completedTexts).containsExactly("first", "second");
        JsonNode completed = seen.stream().filter(method("turn/completed")).findFirst().orElseThrow();
        assertThat(completed.get("params").get("turn").get("items").get(0).get("text").asString()).isEqualTo("second");
    }

    @Test
    void aResponseWithoutMessageCompletesTheTurnWithoutSummary() {
        RESPONSES.script(FakeResponses.empty());
        client.request("turn/start", turnStartParams(threadId, "hello"));
        List<JsonNode> seen = until(client, idle());
        assertThat(kinds(seen)).doesNotContain("item/started:agentMessage");
        JsonNode turn = seen.stream().filter(method("turn/completed")).findFirst().orElseThrow().get("params").get("turn");
        assertThat(turn.get("status").asString()).isEqualTo("completed");
        assertThat(turn.get("itemsView").asString()).isEqualTo("notLoaded");
        assertThat(turn.get("items").isEmpty()).isTrue();
    }

    @Test
    void threadReadWithTurnsReturnsEveryItemAndThePreviewIsTheFirstTypedText() {
        String longText = "x".repeat(250);
        RESPONSES.script(msg("one"), msg("two"));
        client.request("turn/start", "{\"threadId\":\"" + threadId + "\",\"input\":[{\"type\":\"text\",\"text\":\""
                + longText + "\"},{\"type\":\"text\",\"text\":\"more\",\"text_elements\":[{\"kind\":\"x\"}]}]}");
        until(client, idle());
        client.request("turn/start", turnStartParams(threadId, "later"));
        until(client, idle());

        JsonNode plain = client.request("thread/read", "{\"threadId\":\"" + threadId + "\"}").get("result").get("thread");
        assertThat(plain.get("turns").isEmpty()).isTrue();
        assertThat(plain.get("preview").asString()).isEqualTo("x".repeat(200));
        assertThat(plain.get("status").get("type").asString()).isEqualTo("idle");
        JsonNode thread = client.request("thread/read", "{\"threadId\":\"" + threadId + "\",\"includeTurns\":true}")
                .get("result").get("thread");
        JsonNode turns = thread.get("turns");
        assertThat(turns.size()).isEqualTo(2);
        assertJson("{\"id\":\"*\",\"items\":[{\"type\":\"userMessage\",\"id\":\"*\",\"clientId\":null,\"content\":["
                + "{\"type\":\"text\",\"text\":\"" + longText + "\",\"text_elements\":[]},"
                + "{\"type\":\"text\",\"text\":\"more\",\"text_elements\":[{\"kind\":\"x\"}]}]},"
                + "{\"type\":\"agentMessage\",\"id\":\"*\",\"text\":\"one\"}],\"itemsView\":\"full\",\"status\":\"completed\","
                + "\"error\":null,\"startedAt\":\"*\",\"completedAt\":\"*\",\"durationMs\":\"*\"}",
                shape(turns.get(0)));
        assertThat(turns.get(1).get("items").get(1).get("text").asString()).isEqualTo("two");
        assertThat(thread.get("updatedAt").asLong()).isEqualTo(turns.get(1).get("completedAt").asLong());
        JsonNode resumed = client.request("thread/resume", "{\"threadId\":\"" + threadId + "\"}").get("result")
                .get("thread");
        assertThat(resumed.get("turns")).isEqualTo(turns);
    }

    @Test
    void otherSubscribersSeeTheTurnAndEveryClientSeesTheStatusBroadcast() {
        RpcTestClient subscriber = client();
        subscriber.request("thread/resume", "{\"threadId\":\"" + threadId + "\"}");
        RpcTestClient bystander = client();
        RESPONSES.script(msg("shared"));
        client.request("turn/start", turnStartParams(threadId, "hello"));

        List<JsonNode> seen = until(subscriber, idle());
        assertThat(kinds(seen)).containsSubsequence("thread/status/changed", "turn/started",
                "item/completed:agentMessage", "turn/completed", "thread/status/changed");
        assertThat(bystander.await(idle()).get("params").get("threadId").asString()).isEqualTo(threadId);
        assertThat(bystander.drain()).noneMatch(m -> m.path("method").asString("").startsWith("turn/"));
    }
}
