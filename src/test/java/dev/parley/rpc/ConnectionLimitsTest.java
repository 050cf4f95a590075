package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.RpcTestClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code 08-quality-bars.md} §3, per connection: requests in flight ({@code -32001}, the connection stays
 * usable), realtime conversations per connection ({@code -32600}), and a connection only receives the
 * notifications of the threads it subscribed to. (The inbound size limit is covered by {@code RpcFramingTest}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.rpc.max-in-flight-requests=4", "parley.rpc.max-realtime-conversations=2",
        "parley.realtime.api-key=dummy", "parley.realtime.startup-context=", "parley.realtime.connect-timeout=1s",
        "parley.simulator.enabled=false"})
class ConnectionLimitsTest {

    static final FakeUpstream UPSTREAM = FakeUpstream.startForTests();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OVERLOADED = "-32001 Server overloaded; retry later.";
    static final String TOO_MANY = "-32600 too many realtime conversations on this connection (limit 2)";
    /** Broadcast to every initialized connection by design ({@code 02} §4). */
    static final Set<String> BROADCASTS = Set.of("thread/started", "thread/status/changed");

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("parley.realtime.base-url", UPSTREAM::baseUrl);
    }

    @LocalServerPort
    int port;

    private final ConcurrentLinkedQueue<RpcTestClient> clients = new ConcurrentLinkedQueue<>();

    private RpcTestClient client() {
        RpcTestClient client = RpcTestClient.connect(port);
        client.request("initialize", "{\"clientInfo\":{\"name\":\"limits\",\"version\":\"1\"},"
                + "\"capabilities\":{\"realtimeEvents\":true}}");
        clients.add(client);
        return client;
    }

    @AfterEach
    void close() {
        clients.forEach(RpcTestClient::close);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }


    private static String thread(RpcTestClient client) {
        return client.request("thread/start", "{}").at("/result/thread/id").asString();
    }

    private static String start(String threadId) {
        return "{\"threadId\":\"" + threadId + "\",\"outputModality\":\"audio\"}";
    }

    @Test
    void requestsInFlightBeyondTheLimitAreShedAndTheConnectionStaysUsable() {
        UPSTREAM.reset(FakeUpstream.script().neverAnswerHandshake());
        RpcTestClient client = client();
        RpcTestClient bystander = client();
        String threadId = thread(client);
        // the start is answered at once but holds the thread's slot until its connect times out
        assertThat(client.request("thread/realtime/start", start(threadId)).get("result")).isNotNull();
        for (int id = 1; id <= 4; id++) {
            client.send("{\"id\":" + id + ",\"method\":\"thread/realtime/appendText\",\"params\":{\"threadId\":\""
                    + threadId + "\",\"text\":\"queued " + id + "\"}}");
        }
        client.send("{\"id\":5,\"method\":\"thread/list\",\"params\":{}}");
        client.send("{\"id\":6,\"method\":\"thread/realtime/listVoices\",\"params\":{}}");
        assertThat(RpcTestClient.errorOf(client.awaitResponse(5))).isEqualTo(OVERLOADED);
        assertThat(RpcTestClient.errorOf(client.awaitResponse(6))).isEqualTo(OVERLOADED);
        assertThat(bystander.request("thread/list", "{}").has("result")).as("other connections are not limited").isTrue();

        // the connect fails, the four queued requests are answered, and the connection works as before
        assertThat(client.awaitNotification("thread/realtime/error").at("/params/message").asString())
                .startsWith("failed to connect to realtime upstream: ");
        for (int id = 1; id <= 4; id++) {
            assertThat(RpcTestClient.errorOf(client.awaitResponse(id))).isEqualTo("-32600 conversation is not running");
        }
        assertThat(client.request("thread/list", "{}").has("result")).isTrue();
        assertThat(client.closed()).isNotDone();
    }

    @Test
    void realtimeConversationsPerConnectionAreLimited() throws Exception {
        // connections 0-3 are accepted, 4 is refused, later ones accepted again
        UPSTREAM.reset(FakeUpstream.script(), FakeUpstream.script(), FakeUpstream.script(), FakeUpstream.script(),
                FakeUpstream.script().rejectHandshake(503));
        RpcTestClient client = client();
        RpcTestClient other = client();
        List<String> threads = List.of(thread(client), thread(client), thread(client));
        for (String threadId : threads.subList(0, 2)) {
            client.request("thread/realtime/start", start(threadId));
            client.awaitNotification("thread/realtime/started");
        }
        JsonNode refused = client.request("thread/realtime/start", start(threads.get(2)));
        assertThat(RpcTestClient.errorOf(refused)).isEqualTo(TOO_MANY);
        assertThat(UPSTREAM.connectionCount()).isEqualTo(2);

        // a restart on one of its own threads replaces, it does not add
        client.request("thread/realtime/start", start(threads.get(0)));
        assertThat(client.awaitNotification("thread/realtime/closed").at("/params/reason").asString()).isEqualTo("replaced");
        client.awaitNotification("thread/realtime/started");
        // the limit is per connection: another one may start on the third thread
        other.request("thread/realtime/start", start(threads.get(2)));
        other.awaitNotification("thread/realtime/started");
        other.request("thread/realtime/stop", "{\"threadId\":\"" + threads.get(2) + "\"}");
        other.awaitNotification("thread/realtime/closed");

        // a conversation that ended frees its slot, and so does a start that failed to connect
        client.request("thread/realtime/stop", "{\"threadId\":\"" + threads.get(1) + "\"}");
        // this client also created (and so follows) the third thread, whose conversation other just closed
        client.await(m -> "thread/realtime/closed".equals(m.path("method").asString(""))
                && threads.get(1).equals(m.at("/params/threadId").asString("")));
        client.request("thread/realtime/start", start(threads.get(2)));
        client.awaitNotification("thread/realtime/error");
        client.request("thread/realtime/start", start(threads.get(1)));
        client.awaitNotification("thread/realtime/started");
        assertThat(RpcTestClient.errorOf(client.request("thread/realtime/start", start(threads.get(2)))))
                .isEqualTo(TOO_MANY);
        assertThat(client.closed()).isNotDone();
    }

    @Test
    void aConnectionOnlyReceivesTheNotificationsOfItsThreads() throws Exception {
        String chatter = "{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"only for you\"}";
        UPSTREAM.reset(FakeUpstream.script().batch(chatter).batch(chatter),
                FakeUpstream.script().batch(chatter).batch(chatter));
        RpcTestClient alice = client();
        RpcTestClient bob = client();
        String aliceThread = thread(alice);
        String bobThread = thread(bob);
        for (var pair : List.of(List.of(alice, aliceThread), List.of(bob, bobThread))) {
            RpcTestClient client = (RpcTestClient) pair.get(0);
            String threadId = (String) pair.get(1);
            client.request("thread/realtime/start", start(threadId));
            client.awaitNotification("thread/realtime/started");
            client.request("thread/realtime/appendAudio", "{\"threadId\":\"" + threadId
                    + "\",\"audio\":{\"data\":\"AQID\",\"sampleRate\":24000,\"numChannels\":1}}");
            // the stop below is served before pending upstream input, so see the chatter arrive first
            client.awaitNotification("thread/realtime/transcript/delta");
            client.request("turn/start", "{\"threadId\":\"" + threadId + "\",\"input\":[{\"type\":\"text\",\"text\":\"hi\"}]}");
        }
        for (var pair : List.of(List.of(alice, aliceThread), List.of(bob, bobThread))) {
            RpcTestClient client = (RpcTestClient) pair.get(0);
            String threadId = (String) pair.get(1);
            client.awaitNotification("turn/completed");
            client.request("thread/realtime/stop", "{\"threadId\":\"" + threadId + "\"}");
            client.awaitNotification("thread/realtime/closed");
        }
        TimeUnit.MILLISECONDS.sleep(200); // a negative window: anything misrouted would arrive meanwhile
        assertOnlyOwnThread(alice, aliceThread, bobThread);
        assertOnlyOwnThread(bob, bobThread, aliceThread);
    }

    private static void assertOnlyOwnThread(RpcTestClient client, String own, String foreign) {
        List<String> threadScoped = new ArrayList<>();
        for (String raw : client.rawMessages()) {
            JsonNode message = JSON.readTree(raw);
            String method = message.path("method").asString("");
            if (!method.isEmpty() && !BROADCASTS.contains(method)) {
                threadScoped.add(method);
                assertThat(message.at("/params/threadId").asString()).as(raw).isEqualTo(own);
            }
        }
        assertThat(threadScoped).contains("thread/realtime/started", "thread/realtime/transcript/delta",
                "thread/realtime/event", "turn/started", "turn/completed", "thread/realtime/closed");
        assertThat(String.join("\n", client.rawMessages()).lines()
                .filter(line -> line.contains(foreign) && !BROADCASTS.stream().anyMatch(line::contains)))
                .as("nothing thread-scoped of the other thread").isEmpty();
    }
}
