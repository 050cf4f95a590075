package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.AWAIT;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.FakeUpstreamScript;
import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Shared fixtures of the agent-handoff integration tests ({@code 07} §5–§7): the whole path over real sockets —
 * RpcClient ↔ Parley {@code /rpc} ↔ {@link FakeUpstream}, with the <b>real</b> turn layer and the {@code openai}
 * backend streaming from {@link FakeResponses}. Subclasses add the version properties of profile P1 or P2 and,
 * unless they test the generated startup context, {@code parley.realtime.startup-context=} (empty: disabled).
 * Both fakes are shared by every subclass (and so by every Spring context they create); each test resets them.
 */
abstract class AgentHandoffSupport {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();
    static final FakeResponses RESPONSES = FakeResponses.start();

    @DynamicPropertySource
    static void agentProfile(DynamicPropertyRegistry registry) {
        RealtimeFixtures.fakeUpstreamProfile(registry, UPSTREAM);
        registry.add("parley.agent.provider", () -> "openai");
        registry.add("parley.agent.base-url", RESPONSES::baseUrl);
        registry.add("parley.agent.api-key", () -> "dummy");
    }

    @LocalServerPort
    int port;

    private final ConcurrentLinkedQueue<RealtimeClient> clients = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void forgetEarlierResponses() {
        RESPONSES.script();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RealtimeClient::close);
        // lets any gated response of this test go, so that nothing of it reaches the next test's scripts
        RESPONSES.script();
    }


    RealtimeClient client() {
        RealtimeClient client = new RealtimeClient(port, true);
        clients.add(client);
        return client;
    }

    /** Scripts both fakes, then {@code START{}} on a fresh thread; returns once {@code started} arrived. */
    RealtimeClient started(FakeUpstreamScript upstream, FakeResponses.Script... responses) {
        RESPONSES.script(responses);
        UPSTREAM.reset(upstream);
        RealtimeClient c = client();
        assertThat(c.awaitResponse(c.start("")).get("result")).isEqualTo(json("{}"));
        c.awaitNotification("thread/realtime/started");
        return c;
    }

    // ---- upstream frames

    static List<String> frames(int count) throws Exception {
        return UPSTREAM.connection(0).awaitFrames(count, AWAIT);
    }

    /** Awaits the frames up to {@code first + expected.length} and checks those from index {@code first}. */
    static void assertFrames(int first, String... expected) throws Exception {
        List<String> frames = frames(first + expected.length);
        for (int k = 0; k < expected.length; k++) {
            assertThat(json(frames.get(first + k))).as("upstream frame %d", first + k).isEqualTo(json(expected[k]));
        }
    }

    /** After a negative window of {@code millis}, the upstream has received exactly {@code count} text frames. */
    static void assertFrameCountStays(RealtimeClient c, int count, long millis) throws Exception {
        frames(count);
        c.quiet(millis);
        assertThat(UPSTREAM.connection(0).frames()).as("upstream frames").hasSize(count);
    }

    static String v1Append(String handoffId, String text) {
        return "{\"type\":\"conversation.handoff.append\",\"handoff_id\":\"" + handoffId + "\",\"output_text\":"
                + quote("\"Agent Final Message\":\n\n" + text) + "}";
    }

    // ---- the delegation envelope and the Responses requests

    /** {@code ENV(input, delta)} of {@code 07} §2.4 (arguments already escaped). */
    static String env(String input, String delta) {
        return "<realtime_delegation>\n  <input>" + input + "</input>\n  <transcript_delta>" + delta
                + "</transcript_delta>\n</realtime_delegation>";
    }

    static String lastUserText(FakeResponses.Request request) {
        return FakeResponses.userTexts(request).getLast();
    }

    // ---- client notifications

    /** {@code HANDOFF_ITEM(h, i, t, entries)} of {@code 07} §2.5: the item only. */
    static JsonNode handoffItem(String h, String i, String t, String entries) {
        return json("{\"type\":\"handoff_request\",\"handoff_id\":" + quote(h) + ",\"item_id\":" + quote(i)
                + ",\"input_transcript\":" + quote(t) + ",\"active_transcript\":" + entries + "}");
    }

    static Predicate<JsonNode> isHandoffItem(String handoffId) {
        return m -> "thread/realtime/itemAdded".equals(m.path("method").asString(""))
                && "handoff_request".equals(m.at("/params/item/type").asString(""))
                && handoffId.equals(m.at("/params/item/handoff_id").asString(""));
    }

    static Predicate<JsonNode> isMethod(String method) {
        return m -> !m.has("id") && method.equals(m.path("method").asString(""));
    }

    static Predicate<JsonNode> isTranscriptDelta(String delta) {
        return m -> "thread/realtime/transcript/delta".equals(m.path("method").asString(""))
                && delta.equals(m.at("/params/delta").asString(""));
    }

    static Predicate<JsonNode> isEvent(String eventJson) {
        JsonNode expected = json(eventJson);
        return m -> "thread/realtime/event".equals(m.path("method").asString(""))
                && expected.equals(m.at("/params/event"));
    }

    static JsonNode awaitHandoffItem(RealtimeClient c, String handoffId) {
        return c.rpc.await(isHandoffItem(handoffId)).get("params").get("item");
    }

    /** The {@code turn} of the next {@code turn/completed}. */
    static JsonNode awaitTurnCompleted(RealtimeClient c) {
        return c.awaitNotification("turn/completed").get("params").get("turn");
    }

    /** {@code TURN("x")}: starts a typed turn and returns its id. */
    static String startTurn(RealtimeClient c, String text) {
        JsonNode response = c.call("turn/start", "\"input\":[{\"type\":\"text\",\"text\":" + quote(text) + "}]");
        assertThat(response.has("result")).as("turn/start answered %s", response).isTrue();
        return response.get("result").get("turn").get("id").asString();
    }

    /** How many received messages, consumed or not, match. */
    static long count(RealtimeClient c, Predicate<JsonNode> test) {
        return c.rpc.log().stream().filter(r -> test.test(r.message())).count();
    }

    /** The first received message matching, with its arrival time; fails if there is none. */
    static RpcTestClient.Received first(RealtimeClient c, Predicate<JsonNode> test) {
        return c.rpc.log().stream().filter(r -> test.test(r.message())).findFirst()
                .orElseThrow(() -> new AssertionError("no such message received"));
    }

    /** Waits until a message matching has been received, whether or not an earlier await consumed it. */
    static void awaitReceived(RealtimeClient c, Predicate<JsonNode> test) {
        if (indexOf(c, test) < 0) {
            c.rpc.await(test);
        }
    }

    /** Position of the first received message matching, or -1. */
    static int indexOf(RealtimeClient c, Predicate<JsonNode> test) {
        List<RpcTestClient.Received> log = c.rpc.log();
        for (int k = 0; k < log.size(); k++) {
            if (test.test(log.get(k).message())) {
                return k;
            }
        }
        return -1;
    }

    static long millisBetween(RpcTestClient.Received earlier, RpcTestClient.Received later) {
        return TimeUnit.NANOSECONDS.toMillis(later.nanos() - earlier.nanos());
    }
}
