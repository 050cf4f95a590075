package dev.parley.realtime.conversation;

import dev.parley.testsupport.RpcTestClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders what one client received of the realtime timeline and the typed realtime notifications as one line per
 * notification, with generated item ids replaced by {@code S1, S2, …} (transcript segments, in order of first
 * appearance), so a test can compare the exact order of {@code 09} §3 in one assertion.
 */
final class TimelineTrace {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<JsonNode> items = new ArrayList<>();

    static TimelineTrace of(RpcTestClient client) {
        TimelineTrace trace = new TimelineTrace();
        for (RpcTestClient.Received received : client.log()) {
            trace.add(received.message());
        }
        return trace;
    }

    List<String> lines() {
        return lines;
    }

    /** The items of every {@code item/completed}, in order. */
    List<JsonNode> completedItems() {
        return items;
    }

    /** The real id behind a symbolic name such as {@code S1}. */
    String id(String name) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + name + " in " + lines));
    }

    private void add(JsonNode message) {
        if (message.has("id")) {
            return;
        }
        String method = message.path("method").asString("");
        JsonNode params = message.path("params");
        switch (method) {
            case "thread/realtime/item/started" -> lines.add("item/started " + item(params.get("item")));
            case "thread/realtime/item/completed" -> {
                items.add(params.get("item"));
                lines.add("item/completed " + item(params.get("item")));
            }
            case "thread/realtime/item/transcript/delta" ->
                    lines.add("item/delta " + name(params.get("itemId").asString()) + " '" + params.get("delta").asString() + "'");
            case "thread/realtime/transcript/delta" ->
                    lines.add("transcript/delta " + params.get("role").asString() + " '" + params.get("delta").asString() + "'");
            case "thread/realtime/transcript/done" ->
                    lines.add("transcript/done " + params.get("role").asString() + " '" + params.get("text").asString() + "'");
            case "thread/realtime/started" -> lines.add("started");
            case "thread/realtime/error" -> lines.add("error " + params.get("message").asString());
            case "thread/realtime/closed" -> lines.add("closed " + params.get("reason").asString());
            default -> {
                // audio, itemAdded, the event stream and turn notifications are not part of the trace
            }
        }
    }

    private String item(JsonNode item) {
        return switch (item.get("type").asString()) {
            case "transcriptSegment" -> name(item.get("id").asString()) + " " + item.get("role").asString() + " '"
                    + item.get("text").asString() + "'";
            case "realtimeSessionStarted" -> "sessionStarted";
            case "realtimeSessionClosed" -> "sessionClosed " + item.get("outcome").asString();
            case "turnInputAccepted" -> {
                List<String> sources = new ArrayList<>();
                item.get("sourceEventIds").forEach(id -> sources.add(name(id.asString())));
                yield "turnInputAccepted " + item.get("handoffId").asString() + " " + item.get("mode").asString() + " "
                        + sources;
            }
            default -> item.toString();
        };
    }

    private String name(String id) {
        return names.computeIfAbsent(id, unused -> "S" + (names.size() + 1));
    }
}
