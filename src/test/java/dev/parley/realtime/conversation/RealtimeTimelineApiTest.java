package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.inDelta;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.inDone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code thread/realtime/list} and {@code GET /api/v1/threads/{id}/realtime/items} over real sockets, the orphaned
 * conversation's history, and the new start params of {@code 09} §1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.realtime.startup-context=")
class RealtimeTimelineApiTest extends AgentHandoffSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    RealtimeClient conversation() {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), inDone("hello"), inDelta("v2", "open")));
        c.awaitNotification("thread/realtime/item/transcript/delta");
        c.awaitNotification("thread/realtime/item/transcript/delta");
        c.stop();
        c.awaitClosed("requested");
        return c;
    }

    @Test
    void rpcAndRestAnswerTheSame() throws Exception {
        RealtimeClient c = conversation();
        JsonNode rpc = c.call("thread/realtime/list", "\"limit\":2").get("result");
        assertThat(rpc.get("data")).hasSize(2);
        assertThat(rpc.get("nextCursor").isString()).isTrue();
        assertThat(rpc.get("snapshotEnd").asLong()).isEqualTo(4);
        assertThat(rpc.get("projectedThroughItemIndex").asLong()).isEqualTo(4);
        assertThat(rpc.get("coverage").asString()).isEqualTo("ready");
        HttpResponse<String> rest = get("/api/v1/threads/" + c.threadId + "/realtime/items?limit=2");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(json(rest.body())).isEqualTo(rpc);

        String cursor = rpc.get("nextCursor").asString();
        JsonNode page2 = c.call("thread/realtime/list", "\"limit\":2,\"cursor\":\"" + cursor + "\"").get("result");
        assertThat(json(get("/api/v1/threads/" + c.threadId + "/realtime/items?limit=2&cursor=" + q(cursor)).body()))
                .isEqualTo(page2);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(page2.get("data")).hasSize(2);
        assertThat(page2.at("/data/1/item/type").asString()).isEqualTo("realtimeSessionClosed");
        assertThat(page2.at("/data/1/item/outcome").asString()).isEqualTo("ended");
        JsonNode frame = rpc.at("/data/1/item");
        assertThat(frame.get("type").asString()).isEqualTo("frame");
        assertThat(frame.get("channels")).isEqualTo(json("{\"voice_transcript\":{\"role\":\"user\",\"text\":\"hello\"}}"));

        JsonNode filtered = c.call("thread/realtime/list", "\"order\":\"position\",\"afterPosition\":1,"
                + "\"sessionId\":" + RealtimeFixtures.quote(frame.get("realtimeSessionId").asString())).get("result");
        assertThat(json(get("/api/v1/threads/" + c.threadId + "/realtime/items?order=position&afterPosition=1&sessionId="
                + q(frame.get("realtimeSessionId").asString())).body())).isEqualTo(filtered);
        assertThat(filtered.get("data")).hasSize(2);
    }

    static java.util.List<String> ids(JsonNode result) {
        return result.get("data").valueStream().map(e -> e.at("/item/id").asString()).toList();
    }

    @Test
    void pagingMoreThanAThousandItemsWhileNewOnesArrive() throws Exception {
        Object[] first = new Object[1_101];
        first[0] = su("s");
        for (int i = 1; i <= 1_100; i++) {
            first[i] = inDone("utterance " + i);
        }
        Object[] more = new Object[50];
        for (int i = 0; i < 50; i++) {
            more[i] = inDone("late " + i);
        }
        RealtimeClient c = started(FakeUpstream.script().batch(first).batch(more));
        c.await("thread/realtime/transcript/done", p -> p.get("text").asString().equals("utterance 1100"));

        JsonNode page = c.call("thread/realtime/list", "\"limit\":100").get("result");
        long snapshotEnd = page.get("snapshotEnd").asLong();
        assertThat(snapshotEnd).isEqualTo(1_101);
        // new items arrive while the client pages: the audio frame releases the second batch
        c.audio();
        c.await("thread/realtime/transcript/done", p -> p.get("text").asString().equals("late 49"));
        java.util.List<JsonNode> entries = new java.util.ArrayList<>();
        int pages = 1;
        while (true) {
            page.get("data").forEach(entries::add);
            assertThat(page.get("snapshotEnd").asLong()).isEqualTo(snapshotEnd);
            if (page.get("nextCursor").isNull()) {
                break;
            }
            page = c.call("thread/realtime/list", "\"limit\":100,\"cursor\":" + RealtimeFixtures.quote(
                    page.get("nextCursor").asString())).get("result");
            pages++;
        }
        assertThat(pages).isEqualTo(12);
        assertThat(entries).hasSize(1_101);
        assertThat(entries.stream().map(e -> e.get("position").asLong()).distinct()).hasSize(1_101)
                .allMatch(position -> position < snapshotEnd);
        assertThat(entries.stream().map(e -> e.at("/item/channels/voice_transcript/text").asString(""))
                .filter(text -> text.startsWith("late"))).isEmpty();
        assertThat(page.get("projectedThroughItemIndex").asLong()).isEqualTo(1_151);
        assertThat(c.call("thread/realtime/list", "\"afterPosition\":1100").at("/result/data")).hasSize(50);
    }

    @Test
    void everyFilterAndBothOrdersOverTheSocket() throws Exception {
        // a user segment opens first and is sealed after the assistant's: observedAt order and position order differ
        UPSTREAM.reset(FakeUpstream.script().batch(su("s1"), inDelta("v2", "a long "))
                        .batch(RealtimeTimelineOrderTest.outDelta("v2", "Sure"),
                                RealtimeTimelineOrderTest.outDone("Sure"), inDone("a long question")),
                FakeUpstream.script().batch(su("s2"), inDone("second conversation")));
        RealtimeClient c = client();
        c.awaitResponse(c.start(""));
        // the user segment's own item/started (the session's start item comes first)
        long userOpened = c.await("thread/realtime/item/started",
                p -> p.at("/item/type").asString("").equals("transcriptSegment")).at("/params/item/observedAtMs").asLong();
        // the assistant's segment must open in a later millisecond than the user's, or the orders would tie
        while (System.currentTimeMillis() <= userOpened) {
            Thread.onSpinWait();
        }
        c.audio();
        c.await("thread/realtime/transcript/done", p -> p.get("role").asString().equals("user"));
        TimelineTrace live = TimelineTrace.of(c.rpc);
        String user = live.id("S1");
        String assistant = live.id("S2");
        c.awaitResponse(c.start(""));
        c.await("thread/realtime/transcript/done", p -> p.get("text").asString().equals("second conversation"));

        JsonNode byTime = c.call("thread/realtime/list", "").get("result");
        JsonNode byPosition = c.call("thread/realtime/list", "\"order\":\"position\"").get("result");
        assertThat(ids(byTime)).hasSize(6);
        assertThat(ids(byTime).subList(1, 3)).containsExactly(user, assistant);
        assertThat(ids(byPosition).subList(1, 3)).containsExactly(assistant, user);
        JsonNode userEntry = byPosition.at("/data/2");
        long userObserved = userEntry.at("/item/observedAtMs").asLong();
        String firstSession = userEntry.at("/item/realtimeSessionId").asString();

        assertThat(ids(c.call("thread/realtime/list", "\"sessionId\":" + RealtimeFixtures.quote(firstSession))
                .get("result"))).hasSize(4).contains(user, assistant);
        assertThat(ids(c.call("thread/realtime/list", "\"eventId\":" + RealtimeFixtures.quote(user)).get("result")))
                .containsExactly(user);
        assertThat(ids(c.call("thread/realtime/list", "\"order\":\"position\",\"afterPosition\":4").get("result")))
                .hasSize(1);
        assertThat(ids(c.call("thread/realtime/list", "\"fromObservedAtMs\":" + userObserved + ",\"toObservedAtMs\":"
                + (userObserved + 1)).get("result"))).contains(user).doesNotContain(assistant);
        assertThat(ids(c.call("thread/realtime/list", "\"snapshotEnd\":2,\"order\":\"position\"").get("result")))
                .containsExactly(ids(byPosition).get(0), assistant);
    }

    @Test
    void theRestTwinIsDocumented() throws Exception {
        JsonNode api = json(get("/v3/api-docs").body());
        JsonNode operation = api.at("/paths/~1api~1v1~1threads~1{id}~1realtime~1items/get");
        assertThat(operation.isObject()).as("GET /api/v1/threads/{id}/realtime/items in %s", api.get("paths")).isTrue();
        assertThat(operation.get("parameters").valueStream().map(p -> p.get("name").asString()).toList())
                .containsExactlyInAnyOrder("id", "sessionId", "fromObservedAtMs", "toObservedAtMs", "order",
                        "afterPosition", "eventId", "cursor", "limit", "snapshotEnd", "requiredThroughPosition");
        assertThat(operation.at("/responses/400/content").has("application/problem+json")).isTrue();
        assertThat(operation.at("/responses/404/content").has("application/problem+json")).isTrue();
    }

    @Test
    void errorsAndPending() throws Exception {
        RealtimeClient c = conversation();
        String unknown = "01a2001f-0000-7000-8000-000000000000";
        assertThat(RpcTestClient.errorOf(c.rpc.request("thread/realtime/list", "{\"threadId\":\"" + unknown + "\"}")))
                .isEqualTo("-32600 thread not found: " + unknown);
        assertThat(RpcTestClient.errorOf(c.call("thread/realtime/list", "\"limit\":501")))
                .isEqualTo("-32602 realtime page size must be between 1 and 500");
        assertThat(RpcTestClient.errorOf(c.call("thread/realtime/list", "\"fromObservedAtMs\":5,\"toObservedAtMs\":5")))
                .isEqualTo("-32602 realtime observation time range must be nonempty");
        assertThat(RpcTestClient.errorOf(c.call("thread/realtime/list", "\"cursor\":\"garbage\"")))
                .isEqualTo("-32602 invalid realtime cursor");
        String cursor = c.call("thread/realtime/list", "\"limit\":1").at("/result/nextCursor").asString();
        assertThat(RpcTestClient.errorOf(c.call("thread/realtime/list", "\"limit\":1,\"order\":\"position\",\"cursor\":"
                + RealtimeFixtures.quote(cursor)))).isEqualTo("-32602 realtime cursor does not match this query");
        assertThat(RpcTestClient.errorOf(c.call("thread/realtime/list", "\"order\":\"newest\"")))
                .startsWith("-32602 Invalid params: invalid value for order");

        String base = "/api/v1/threads/" + c.threadId + "/realtime/items";
        assertProblem(get("/api/v1/threads/" + unknown + "/realtime/items"), 404, "thread not found: " + unknown);
        assertProblem(get(base + "?limit=0"), 400, "realtime page size must be between 1 and 500");
        assertProblem(get(base + "?fromObservedAtMs=9&toObservedAtMs=3"), 400,
                "realtime observation time range must be nonempty");
        assertProblem(get(base + "?cursor=garbage"), 400, "invalid realtime cursor");
        assertProblem(get(base + "?limit=1&sessionId=x&cursor=" + q(cursor)), 400,
                "realtime cursor does not match this query");
        assertProblem(get(base + "?limit=many"), 400, "Invalid params: invalid value for limit: expected integer");

        JsonNode pending = c.call("thread/realtime/list", "\"requiredThroughPosition\":4").get("result");
        assertThat(pending).isEqualTo(json("{\"data\":[],\"nextCursor\":null,\"snapshotEnd\":4,"
                + "\"projectedThroughItemIndex\":4,\"coverage\":\"pending\"}"));
        assertThat(json(get(base + "?snapshotEnd=9").body()).get("coverage").asString()).isEqualTo("pending");
        assertThat(c.call("thread/realtime/list", "\"eventId\":\"not-yet\"").at("/result/coverage").asString())
                .isEqualTo("pending");
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response.body()).get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void orphanedConversation_isSealedAndClosedInTheHistory() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s"), inDelta("v2", "nobody hears this")));
        RealtimeClient c = client();
        c.awaitResponse(c.start(""));
        c.awaitNotification("thread/realtime/item/transcript/delta");
        String threadId = c.threadId;
        c.close();
        try (RpcTestClient reader = RpcTestClient.initialized(port)) {
            // the orphan timer (300 ms in this profile) ends the conversation with nobody subscribed
            JsonNode list = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                list = reader.request("thread/realtime/list", "{\"threadId\":\"" + threadId + "\","
                        + "\"requiredThroughPosition\":2,\"order\":\"position\"}").get("result");
                if ("ready".equals(list.get("coverage").asString())) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(list.get("coverage").asString()).isEqualTo("ready");
            assertThat(list.at("/data/1/item/channels/voice_transcript/text").asString()).isEqualTo("nobody hears this");
            assertThat(list.at("/data/2/item/type").asString()).isEqualTo("realtimeSessionClosed");
            assertThat(list.at("/data/2/item/outcome").asString()).isEqualTo("ended");
        }
    }

    @Test
    void startParams_initialItemsRefused_voiceSessionIdHeader_freshSessionId_ignoredParamsAccepted() throws Exception {
        UPSTREAM.reset(FakeUpstream.script().batch(su("s")), FakeUpstream.script().batch(su("s")));
        RealtimeClient c = client();
        assertThat(RpcTestClient.errorOf(c.awaitResponse(c.start(
                "\"initialItems\":[{\"role\":\"user\",\"text\":\"hi\"}]"))))
                .isEqualTo("-32602 initialItems requires realtime v3, which Parley does not support");
        assertThat(c.rpc.drain()).noneMatch(m -> m.path("method").asString("").startsWith("thread/realtime/"));

        assertThat(c.awaitResponse(c.start("\"initialItems\":[],\"voiceSessionId\":\"voice-42\","
                + "\"clientManagedHandoffs\":false,\"delegationAckFiller\":true,\"flushTranscriptTailOnSessionEnd\":true,"
                + "\"codexResponsesAsItems\":true,\"codexResponseItemPrefix\":\"[X] \",\"codexResponseHandoffMode\":"
                + "\"bemTags\",\"backendReasoningStatus\":true,\"codexResponseHandoffChannelPrefixes\":{\"final\":[\"F\"]},"
                + "\"realtimeStartInstructions\":\"a\",\"realtimeEndInstructions\":\"b\"")).get("result"))
                .isEqualTo(json("{}"));
        String sessionId = c.awaitNotification("thread/realtime/started").at("/params/realtimeSessionId").asString();
        assertThat(UUID.fromString(sessionId).version()).isEqualTo(7);
        assertThat(UPSTREAM.connection(0).headers()).containsEntry("voice-session-id", "voice-42")
                .containsEntry("x-session-id", sessionId);

        c.awaitResponse(c.start("\"realtimeSessionId\":\"mine\""));
        assertThat(c.awaitNotification("thread/realtime/started").at("/params/realtimeSessionId").asString())
                .isEqualTo("mine");
        assertThat(UPSTREAM.connection(1).headers()).containsEntry("x-session-id", "mine")
                .doesNotContainKey("voice-session-id");
    }
}
