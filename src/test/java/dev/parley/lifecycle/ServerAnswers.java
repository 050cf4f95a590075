package dev.parley.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.ParleyProcess;
import dev.parley.testsupport.RpcTestClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every read answer of a running server, by label: {@code thread/list} page by page through its cursors (RPC
 * and REST), {@code thread/read} of every thread with and without turns, {@code thread/resume} of every thread,
 * REST {@code GET /api/v1/threads/{id}} with and without turns. Two snapshots of one store, before and after a
 * restart, must be equal answer by answer.
 */
final class ServerAnswers {

    static final int PAGE = 2;

    final Map<String, JsonNode> answers = new LinkedHashMap<>();
    final List<String> threadIds = new ArrayList<>();

    static ServerAnswers of(ParleyProcess parley) throws IOException {
        ServerAnswers snapshot = new ServerAnswers();
        try (RpcTestClient client = RpcTestClient.initialized(parley.port())) {
            snapshot.collect(parley, client);
        }
        return snapshot;
    }

    private void collect(ParleyProcess parley, RpcTestClient client) throws IOException {
        answers.put("rpc thread/list", result(client.request("thread/list", "{}")));
        String cursor = null;
        int page = 0;
        do {
            JsonNode list = result(client.request("thread/list", "{\"limit\":" + PAGE
                    + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}"));
            answers.put("rpc thread/list limit " + PAGE + " page " + ++page, list);
            list.get("data").forEach(thread -> threadIds.add(thread.get("id").asString()));
            cursor = list.get("nextCursor").isNull() ? null : list.get("nextCursor").asString();
        } while (cursor != null);

        answers.put("rest GET /api/v1/threads", parley.getJson("/api/v1/threads"));
        cursor = null;
        page = 0;
        do {
            JsonNode list = parley.getJson("/api/v1/threads?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + cursor));
            answers.put("rest GET /api/v1/threads?limit=" + PAGE + " page " + ++page, list);
            cursor = list.get("nextCursor").isNull() ? null : list.get("nextCursor").asString();
        } while (cursor != null);

        for (String id : threadIds) {
            answers.put("rpc thread/read " + id, result(client.request("thread/read", "{\"threadId\":\"" + id + "\"}")));
            answers.put("rpc thread/read " + id + " includeTurns", result(client.request("thread/read",
                    "{\"threadId\":\"" + id + "\",\"includeTurns\":true}")));
            answers.put("rpc thread/resume " + id, result(client.request("thread/resume",
                    "{\"threadId\":\"" + id + "\"}")));
            answers.put("rest GET /api/v1/threads/" + id, parley.getJson("/api/v1/threads/" + id));
            answers.put("rest GET /api/v1/threads/" + id + "?includeTurns=true",
                    parley.getJson("/api/v1/threads/" + id + "?includeTurns=true"));
        }
    }

    /** Asserts the same labels with equal JSON, answer by answer, naming the first that differs. */
    void assertSameAs(ServerAnswers before) {
        assertThat(answers.keySet()).containsExactlyElementsOf(before.answers.keySet());
        before.answers.forEach((label, expected) ->
                assertThat(answers.get(label)).as(label + "\nbefore: " + expected + "\nafter:  " + answers.get(label))
                        .isEqualTo(expected));
    }

    /** One line per thread of the first {@code thread/list}: what the report shows. */
    String listSummary() {
        StringBuilder out = new StringBuilder();
        for (JsonNode thread : answers.get("rpc thread/list").get("data")) {
            out.append(String.format("  %s name=%-14s preview=%-32s status=%s createdAt=%d updatedAt=%d%n",
                    thread.get("id").asString(), thread.get("name"), thread.get("preview"),
                    thread.at("/status/type").asString(), thread.get("createdAt").asLong(),
                    thread.get("updatedAt").asLong()));
        }
        return out.toString();
    }

    private static JsonNode result(JsonNode response) {
        assertThat(response.has("result")).as("a result: " + response).isTrue();
        return response.get("result");
    }
}
