package dev.parley.turn.agent;

import dev.parley.protocol.v2.CodexErrorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interprets the events of one streamed Responses API response ({@code 05} §2.1) and drives an
 * {@link AgentOutput}. Pure: no I/O, one instance per response.
 */
final class ResponsesStream {

    /** Whether the response goes on after an event. */
    enum Step { CONTINUE, COMPLETED }

    private static final Logger log = LoggerFactory.getLogger(ResponsesStream.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AgentOutput output;
    private final StringBuilder text = new StringBuilder();
    private boolean messageOpen;
    private String responseId = "";

    ResponsesStream(AgentOutput output) {
        this.output = output;
    }

    /** The id from {@code response.created}, for logs; empty before it. */
    String responseId() {
        return responseId;
    }

    Step accept(SseReader.Event event) throws AgentFailure {
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (JacksonException e) {
            log.debug("ignoring a Responses stream event that is not JSON");
            return Step.CONTINUE;
        }
        String type = data.path("type").asString(event.name() == null ? "" : event.name());
        switch (type) {
            case "response.created" -> responseId = data.path("response").path("id").asString("");
            case "response.output_item.added" -> {
                if (isMessage(data.path("item"))) {
                    startMessage();
                }
            }
            case "response.output_text.delta" -> {
                startMessage();
                String delta = data.path("delta").asString("");
                text.append(delta);
                if (!delta.isEmpty()) {
                    output.textDelta(delta);
                }
            }
            case "response.output_item.done" -> {
                JsonNode item = data.path("item");
                if (isMessage(item)) {
                    startMessage();
                    String finalText = finalText(item);
                    // a done item without content parts still ends the message with what was streamed
                    completeMessage(finalText.isEmpty() ? text.toString() : finalText);
                }
            }
            case "response.completed" -> {
                if (messageOpen) {
                    completeMessage(text.toString());
                }
                return Step.COMPLETED;
            }
            case "response.failed" -> throw new AgentFailure(
                    textOr(data.path("response").path("error").path("message"), "agent response failed"),
                    CodexErrorInfo.OTHER);
            case "response.incomplete" -> {
                JsonNode reason = data.path("response").path("incomplete_details").path("reason");
                throw new AgentFailure(reason.isString() ? "agent response incomplete: " + reason.asString()
                        : "agent response incomplete", CodexErrorInfo.OTHER);
            }
            case "error" -> throw new AgentFailure(
                    textOr(data.path("message"), textOr(data.path("error").path("message"), "agent stream error")),
                    CodexErrorInfo.OTHER);
            default -> {
                // reasoning, content parts, text done, usage and future event types carry nothing for Parley
            }
        }
        return Step.CONTINUE;
    }

    private void startMessage() {
        if (!messageOpen) {
            messageOpen = true;
            text.setLength(0);
            output.messageStarted();
        }
    }

    private void completeMessage(String finalText) {
        messageOpen = false;
        output.messageCompleted(finalText);
    }

    private static boolean isMessage(JsonNode item) {
        return "message".equals(item.path("type").asString(""));
    }

    /** The concatenated {@code output_text} (and {@code refusal}) parts of a completed message item. */
    private static String finalText(JsonNode item) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : item.path("content")) {
            switch (part.path("type").asString("")) {
                case "output_text" -> out.append(part.path("text").asString(""));
                case "refusal" -> out.append(part.path("refusal").asString(""));
                default -> {
                    // annotations-only or future part types add no text
                }
            }
        }
        return out.toString();
    }

    private static String textOr(JsonNode value, String fallback) {
        return value.isString() && !value.asString().isBlank() ? value.asString() : fallback;
    }
}
