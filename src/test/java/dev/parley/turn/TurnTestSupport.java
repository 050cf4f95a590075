package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Helpers for turn tests over {@code /rpc}: a thread per test, message sequences, id-free shapes. */
final class TurnTestSupport {

    /** Fields whose values are generated (ids, clocks): {@link #shape} replaces them with {@code "*"}. */
    private static final Set<String> GENERATED = Set.of("id", "threadId", "turnId", "itemId", "emittedAtMs",
            "startedAtMs", "completedAtMs", "startedAt", "completedAt", "durationMs", "updatedAt", "createdAt",
            "sessionId");

    private TurnTestSupport() {
    }

    /** Starts a thread on {@code client} and returns its id, with its response and broadcast consumed. */
    static String startThread(RpcTestClient client, String params) {
        JsonNode response = client.request("thread/start", params);
        String threadId = response.get("result").get("thread").get("id").asString();
        client.awaitNotification("thread/started");
        return threadId;
    }

    static String startThread(RpcTestClient client) {
        return startThread(client, "{}");
    }

    static String turnStartParams(String threadId, String text) {
        return "{\"threadId\":\"" + threadId + "\",\"input\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    /** Every message received up to and including the first one matching {@code last}. */
    static List<JsonNode> until(RpcTestClient client, Predicate<JsonNode> last) {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode message = client.next();
            seen.add(message);
            if (last.test(message)) {
                return seen;
            }
        }
    }

    static Predicate<JsonNode> method(String method) {
        return message -> method.equals(message.path("method").asString(null));
    }

    static Predicate<JsonNode> idle() {
        return message -> "thread/status/changed".equals(message.path("method").asString(null))
                && "idle".equals(message.path("params").path("status").path("type").asString(null));
    }

    /** {@code method} of a notification, {@code result}/{@code error} of a response: the sequence view. */
    static List<String> kinds(List<JsonNode> messages) {
        return messages.stream().map(TurnTestSupport::kind).toList();
    }

    static String kind(JsonNode message) {
        if (message.has("method")) {
            String method = message.get("method").asString();
            JsonNode item = message.path("params").path("item");
            return item.isObject() ? method + ":" + item.get("type").asString() : method;
        }
        return message.has("result") ? "result" : "error";
    }

    /**
     * The message (or any wire object) with generated values replaced by {@code "*"}, for exact comparisons
     * with the spec; a response keeps its request id.
     */
    static JsonNode shape(JsonNode message) {
        JsonNode copy = message.deepCopy();
        if (!copy.has("params") && !copy.has("result")) {
            normalise(copy);
            return copy;
        }
        normalise(copy.path("params"));
        normalise(copy.path("result"));
        if (copy instanceof ObjectNode object && object.has("emittedAtMs")) {
            object.put("emittedAtMs", "*");
        }
        return copy;
    }

    private static void normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (GENERATED.contains(name) && !value.isNull()) {
                    object.put(name, "*");
                } else {
                    normalise(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(TurnTestSupport::normalise);
        }
    }

    static void assertSameTurnIds(List<JsonNode> messages, String turnId) {
        for (JsonNode message : messages) {
            JsonNode params = message.path("params");
            if (params.has("turnId")) {
                assertThat(params.get("turnId").asString()).isEqualTo(turnId);
            }
            if (params.has("turn")) {
                assertThat(params.get("turn").get("id").asString()).isEqualTo(turnId);
            }
        }
    }

    /** {@code text} as a JSON string literal. */
    static String quote(String text) {
        return JsonNodeFactory.instance.stringNode(text).toString();
    }
}
