package dev.parley.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Responses API ({@code POST /sim/v1/responses}) streaming Server-Sent Events like the real one, with a
 * deterministic answer about the last user input (the {@code <input>} of a delegation envelope if present).
 */
@RestController
@Conditional(SimulatorEnabledCondition.class)
public class SimulatedResponsesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger IDS = new AtomicInteger();

    @PostMapping(path = "/sim/v1/responses", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<StreamingResponseBody> responses(@RequestBody JsonNode request) {
        String answer = answer(lastUserText(request));
        String responseId = "resp_sim_" + IDS.incrementAndGet();
        String itemId = "msg_sim_" + IDS.incrementAndGet();
        StreamingResponseBody body = out -> {
            ObjectNode response = JSON.createObjectNode().put("id", responseId).put("status", "in_progress");
            event(out, "response.created", JSON.createObjectNode().set("response", response));
            ObjectNode item = JSON.createObjectNode().put("id", itemId).put("type", "message").put("role", "assistant")
                    .put("status", "in_progress");
            item.putArray("content");
            event(out, "response.output_item.added", JSON.createObjectNode().put("output_index", 0).set("item", item));
            String[] words = answer.split(" ");
            for (int i = 0; i < words.length; i++) {
                event(out, "response.output_text.delta", JSON.createObjectNode().put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0)
                        .put("delta", i < words.length - 1 ? words[i] + " " : words[i]));
            }
            event(out, "response.output_text.done", JSON.createObjectNode().put("item_id", itemId)
                    .put("output_index", 0).put("content_index", 0).put("text", answer));
            ObjectNode done = item.deepCopy().put("status", "completed");
            done.putArray("content").addObject().put("type", "output_text").put("text", answer).putArray("annotations");
            event(out, "response.output_item.done", JSON.createObjectNode().put("output_index", 0).set("item", done));
            ObjectNode completed = response.deepCopy().put("status", "completed");
            completed.putArray("output").add(done);
            event(out, "response.completed", JSON.createObjectNode().set("response", completed));
        };
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(body);
    }

    static String answer(String userText) {
        if (userText.isBlank()) {
            return "Simulated agent: there was no question to answer.";
        }
        return "Simulated agent: you asked \"" + userText.strip() + "\". This answer comes from the Parley simulator.";
    }

    /** The text of the last user message, unwrapping a realtime delegation envelope. */
    static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode item : request.path("input")) {
            if ("user".equals(item.path("role").asString(""))) {
                StringBuilder parts = new StringBuilder();
                for (JsonNode part : item.path("content")) {
                    parts.append(part.path("text").asString(""));
                }
                text = parts.toString();
            }
        }
        if (request.path("input").isString()) {
            text = request.path("input").asString();
        }
        int start = text.indexOf("<input>");
        int end = text.indexOf("</input>");
        if (start >= 0 && end > start) {
            text = text.substring(start + "<input>".length(), end).replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
        }
        return text;
    }

    private static void event(OutputStream out, String type, ObjectNode data) throws IOException {
        ObjectNode event = JSON.createObjectNode().put("type", type);
        event.setAll(data);
        out.write(("event: " + type + "\ndata: " + JSON.writeValueAsString(event) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
