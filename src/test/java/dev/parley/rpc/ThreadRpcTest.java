package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Threads over a real {@code /rpc} socket: start, started broadcast, list, read, resume, unsubscribe. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThreadRpcTest {

    @LocalServerPort
    int port;

    private final ConcurrentLinkedQueue<RpcTestClient> clients = new ConcurrentLinkedQueue<>();

    private RpcTestClient client() {
        RpcTestClient client = RpcTestClient.initialized(port);
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RpcTestClient::close);
    }


    @Test
    void threadStartAnswersThenBroadcastsThreadStarted() {
        RpcTestClient caller = client();
        RpcTestClient bystander = client();
        caller.send("{\"id\":2,\"method\":\"thread/start\",\"params\":{\"cwd\":\"/home/me/p\",\"name\":\"Dinner plans\"}}");
        JsonNode response = caller.next();
        JsonNode started = caller.next();
        assertThat(response.get("id").asInt()).isEqualTo(2);
        JsonNode result = response.get("result");
        JsonNode thread = result.get("thread");
        assertThat(List.copyOf(result.propertyNames())).containsExactly("thread", "model", "modelProvider", "cwd",
                "approvalPolicy", "approvalsReviewer", "sandbox");
        assertThat(List.copyOf(thread.propertyNames())).containsExactly("id", "sessionId", "preview", "ephemeral",
                "modelProvider", "createdAt", "updatedAt", "status", "cwd", "cliVersion", "source", "name", "turns");
        String id = thread.get("id").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(thread.get("sessionId").asString()).isEqualTo(id);
        assertThat(thread.get("preview").asString()).isEmpty();
        assertThat(thread.get("ephemeral").asBoolean()).isFalse();
        assertThat(thread.get("modelProvider").asString()).isEqualTo("builtin");
        assertThat(thread.get("status").toString()).isEqualTo("{\"type\":\"idle\"}");
        assertThat(thread.get("cwd").asString()).isEqualTo("/home/me/p");
        assertThat(thread.get("cliVersion").asString()).isEqualTo("0.1.0");
        assertThat(thread.get("source").asString()).isEqualTo("appServer");
        assertThat(thread.get("name").asString()).isEqualTo("Dinner plans");
        assertThat(thread.get("turns").isEmpty()).isTrue();
        assertThat(result.get("model").asString()).isEqualTo("gpt-5.1");
        assertThat(result.get("approvalPolicy").asString()).isEqualTo("never");
        assertThat(result.get("approvalsReviewer").asString()).isEqualTo("user");
        assertThat(result.get("sandbox").toString()).isEqualTo("{\"type\":\"readOnly\",\"networkAccess\":false}");

        assertThat(started.get("method").asString()).isEqualTo("thread/started");
        assertThat(started.get("params").get("thread")).isEqualTo(thread);
        assertThat(started.get("emittedAtMs").isIntegralNumber()).isTrue();
        assertThat(List.copyOf(started.propertyNames())).containsExactly("method", "params", "emittedAtMs");

        JsonNode seenByBystander = bystander.awaitNotification("thread/started");
        assertThat(seenByBystander.get("params").get("thread").get("id").asString()).isEqualTo(id);
        assertThat(seenByBystander.get("emittedAtMs")).isEqualTo(started.get("emittedAtMs"));
    }

    @Test
    void nullableFieldsAreWrittenAsExplicitNull() {
        RpcTestClient caller = client();
        JsonNode thread = caller.request("thread/start", "{}").get("result").get("thread");
        assertThat(thread.has("name")).isTrue();
        assertThat(thread.get("name").isNull()).isTrue();
        assertThat(thread.get("cwd").asString()).isEmpty();
    }

    @Test
    void threadReadFindsTheThreadAndUnknownIdsAreNotFound() {
        RpcTestClient caller = client();
        String id = caller.request("thread/start", "{\"name\":\"r\"}").get("result").get("thread").get("id").asString();
        JsonNode read = caller.request("thread/read", "{\"threadId\":\"" + id + "\",\"includeTurns\":true}");
        assertThat(read.get("result").get("thread").get("id").asString()).isEqualTo(id);
        assertThat(read.get("result").get("thread").get("name").asString()).isEqualTo("r");
        assertThat(RpcTestClient.errorOf(caller.request("thread/read", "{\"threadId\":\"01a2001f-0000-7000-8000-000000000000\"}")))
                .isEqualTo("-32600 thread not found: 01a2001f-0000-7000-8000-000000000000");
        assertThat(RpcTestClient.errorOf(caller.request("thread/read", "{\"threadId\":\"not-a-uuid\"}")))
                .isEqualTo("-32600 thread not found: not-a-uuid");
        assertThat(RpcTestClient.errorOf(caller.request("thread/read", "{}")))
                .isEqualTo("-32602 Invalid params: missing required field threadId");
        assertThat(RpcTestClient.errorOf(caller.request("thread/read", "{\"threadId\":5}")))
                .isEqualTo("-32602 Invalid params: invalid value for threadId: expected string");
        assertThat(RpcTestClient.errorOf(caller.request("thread/read", "{\"threadId\":\"" + id + "\",\"includeTurns\":\"yes\"}")))
                .isEqualTo("-32602 Invalid params: invalid value for includeTurns: expected boolean");
    }

    @Test
    void threadListPagesNewestFirstWithCursors() {
        RpcTestClient caller = client();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(caller.request("thread/start", "{}").get("result").get("thread").get("id").asString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = caller.request("thread/list",
                    cursor == null ? "{\"limit\":2}" : "{\"limit\":2,\"cursor\":\"" + cursor + "\"}").get("result");
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            page.get("data").forEach(t -> {
                seen.add(t.get("id").asString());
                assertThat(t.get("turns").isEmpty()).isTrue();
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        List<String> ours = seen.stream().filter(created::contains).toList();
        assertThat(ours).containsExactlyElementsOf(created.reversed());
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(seen).isEqualTo(sorted);
        String lastId = created.getFirst();
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes())).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void threadListValidatesLimitAndCursor() {
        RpcTestClient caller = client();
        assertThat(RpcTestClient.errorOf(caller.request("thread/list", "{\"limit\":0}")))
                .isEqualTo("-32602 Invalid params: invalid value for limit: must be at least 1");
        assertThat(RpcTestClient.errorOf(caller.request("thread/list", "{\"cursor\":\"bm9wZQ\"}")))
                .isEqualTo("-32602 Invalid params: invalid value for cursor: unknown cursor");
        assertThat(RpcTestClient.errorOf(caller.request("thread/list", "{\"cursor\":\"%%%\"}")))
                .isEqualTo("-32602 Invalid params: invalid value for cursor: unknown cursor");
        assertThat(RpcTestClient.errorOf(caller.request("thread/list", "{\"limit\":\"ten\"}")))
                .isEqualTo("-32602 Invalid params: invalid value for limit: expected integer");
        for (int i = 0; i < 3; i++) {
            caller.request("thread/start", "{}");
        }
        assertThat(caller.request("thread/list", "{\"limit\":1000}").get("result").get("data").size())
                .isBetween(3, 100);
    }

    @Test
    void resumeSubscribesAndUnsubscribeReportsItsStatus() {
        RpcTestClient owner = client();
        RpcTestClient other = client();
        String id = owner.request("thread/start", "{}").get("result").get("thread").get("id").asString();
        String params = "{\"threadId\":\"" + id + "\"}";
        assertThat(other.request("thread/unsubscribe", params).get("result").get("status").asString())
                .isEqualTo("notSubscribed");
        JsonNode resumed = other.request("thread/resume", params).get("result");
        assertThat(resumed.get("thread").get("id").asString()).isEqualTo(id);
        assertThat(resumed.get("approvalPolicy").asString()).isEqualTo("never");
        assertThat(other.request("thread/unsubscribe", params).get("result").get("status").asString())
                .isEqualTo("unsubscribed");
        assertThat(owner.request("thread/unsubscribe", params).get("result").get("status").asString())
                .isEqualTo("unsubscribed");
        assertThat(RpcTestClient.errorOf(owner.request("thread/resume", "{\"threadId\":\"nope\"}"))).isEqualTo("-32600 thread not found: nope");
        assertThat(RpcTestClient.errorOf(owner.request("thread/unsubscribe", "{\"threadId\":\"nope\"}")))
                .isEqualTo("-32600 thread not found: nope");
    }

    @Test
    void optedOutNotificationsAreNotSent() {
        RpcTestClient quiet = RpcTestClient.connect(port);
        clients.add(quiet);
        quiet.request("initialize", "{\"clientInfo\":{\"name\":\"q\",\"version\":\"1\"},\"capabilities\":"
                + "{\"experimentalApi\":true,\"optOutNotificationMethods\":[\"thread/started\",\"unknown/x\"],"
                + "\"realtimeEvents\":false}}");
        RpcTestClient loud = client();
        loud.request("thread/start", "{}");
        loud.awaitNotification("thread/started");
        // a later response proves ordering: nothing about thread/started was queued for the quiet client before it
        quiet.request("thread/list", "{\"limit\":1}");
        assertThat(quiet.rawMessages()).noneMatch(m -> m.contains("\"thread/started\""));
    }
}
