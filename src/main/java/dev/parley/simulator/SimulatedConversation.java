package dev.parley.simulator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated realtime session: reacts to client events like a strict upstream. State is guarded by one
 * lock; responses stream on their own virtual thread ({@link SimulatedResponse}).
 */
final class SimulatedConversation {

    private static final Logger log = LoggerFactory.getLogger(SimulatedConversation.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final int MAX_ITEMS = 200;
    private static final String AGENT_FINAL_MESSAGE = "\"Agent Final Message\":\n\n";

    /** Where events go; implemented by the socket handler. */
    interface EventSink {
        void send(ObjectNode event);
    }

    private final SimulatorEvents events;
    private final EventSink sink;
    private final SimulatorScript script;
    private final String sessionId = "sess_sim_" + SESSIONS.incrementAndGet();
    private final AtomicInteger ids = new AtomicInteger();
    final ReentrantLock lock = new ReentrantLock();
    private final List<ReplyPlanner.Item> items = new ArrayList<>();
    private final Map<String, Long> audioMsByItem = new HashMap<>();
    private final SpeechDetector speech = new SpeechDetector();
    private SimulatedResponse active;
    private String utteranceItemId;
    private boolean textOnly;
    private boolean autoRespond;

    SimulatedConversation(boolean quicksilver, EventSink sink, SimulatorScript script) {
        this.events = new SimulatorEvents(quicksilver);
        this.sink = sink;
        this.script = script;
        // Quicksilver answers on its own; V2 waits for session.update's turn detection or response.create.
        this.autoRespond = quicksilver;
    }

    void opened() {
        sink.send(events.sessionCreated(sessionId));
    }

    void onText(String payload) {
        JsonNode message;
        try {
            message = JSON.readTree(payload);
        } catch (JacksonException e) {
            sink.send(SimulatorEvents.error("invalid_json", "Invalid JSON in client event."));
            return;
        }
        onMessage(message);
    }

    void onMessage(JsonNode message) {
        lock.lock();
        try {
            switch (message.path("type").asString("")) {
                case "session.update" -> sessionUpdate(message.path("session"));
                case "input_audio_buffer.append" -> audio(message.path("audio").asString(""));
                case "conversation.item.create" -> itemCreate(message.path("item"));
                case "conversation.handoff.append" -> handoffAppend(message);
                case "response.create" -> responseCreate();
                case "conversation.item.truncate" -> truncate(message);
                default -> sink.send(SimulatorEvents.error("unknown_event",
                        "Invalid value: '" + message.path("type").asString("") + "'. Unsupported event type."));
            }
        } finally {
            lock.unlock();
        }
    }

    void closed() {
        lock.lock();
        try {
            if (active != null) {
                active.cancel();
            }
        } finally {
            lock.unlock();
        }
    }

    // --- called with the lock held ---

    private void sessionUpdate(JsonNode session) {
        ObjectNode requested = session.isObject() ? (ObjectNode) session : events.sessionCreated(sessionId);
        textOnly = "text".equals(session.path("output_modalities").path(0).asString(""));
        if (!events.quicksilver()) {
            autoRespond = session.path("audio").path("input").path("turn_detection").path("create_response")
                    .asBoolean(false) && !"transcription".equals(session.path("type").asString(""));
        }
        sink.send(events.sessionUpdated(sessionId, requested));
    }

    private void audio(String base64) {
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            sink.send(SimulatorEvents.error("invalid_value", "Invalid 'audio'. Expected base64-encoded audio."));
            return;
        }
        for (SpeechDetector.Change change : speech.append(pcm)) {
            switch (change) {
                case SpeechDetector.Change.Started started -> {
                    utteranceItemId = nextId("item_in");
                    if (active != null) {
                        active.cancel();
                    }
                    events.speechStarted(utteranceItemId, started.audioStartMs()).forEach(sink::send);
                }
                case SpeechDetector.Change.Stopped stopped -> utteranceEnded(stopped);
            }
        }
    }

    private void utteranceEnded(SpeechDetector.Change.Stopped stopped) {
        String transcript = script.transcriptFor(
                String.format(Locale.ROOT, "[speech %.1f s]", stopped.speechMs() / 1000.0));
        if (!events.quicksilver()) {
            events.speechStopped(utteranceItemId, stopped.audioEndMs()).forEach(sink::send);
        }
        events.inputTranscript(utteranceItemId, transcript).forEach(sink::send);
        remember(new ReplyPlanner.Item.UserInput(transcript));
        if (autoRespond && active == null) {
            respond();
        }
    }

    private void itemCreate(JsonNode item) {
        String type = item.path("type").asString("");
        String itemId = item.path("id").asString(nextId("item"));
        ObjectNode echoed = item.isObject() ? ((ObjectNode) item).deepCopy() : SimulatorEvents.event("message");
        echoed.put("id", itemId);
        switch (type) {
            case "message" -> {
                String text = item.path("content").path(0).path("text").asString("");
                String role = item.path("role").asString("user");
                events.itemAddedAndDone(echoed).forEach(sink::send);
                if (role.equals("user")) {
                    remember(ReplyPlanner.userMessage(text));
                    if (events.quicksilver() && active == null) {
                        respond();
                    }
                }
            }
            case "function_call_output" -> {
                events.itemAddedAndDone(echoed).forEach(sink::send);
                remember(new ReplyPlanner.Item.FunctionOutput(item.path("output").asString("")));
            }
            default -> sink.send(SimulatorEvents.error("invalid_value",
                    "Invalid value: '" + type + "'. Supported values are: 'message' and 'function_call_output'."));
        }
    }

    private void handoffAppend(JsonNode message) {
        String text = message.path("output_text").asString("");
        remember(new ReplyPlanner.Item.Backend(text.startsWith(AGENT_FINAL_MESSAGE)
                ? text.substring(AGENT_FINAL_MESSAGE.length()) : text));
        if (active == null) {
            respond();
        }
    }

    private void responseCreate() {
        if (active != null) {
            sink.send(SimulatorEvents.error("conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + active.responseId()
                            + ". Wait until the response is finished before creating a new one."));
            return;
        }
        respond();
    }

    private void truncate(JsonNode message) {
        String itemId = message.path("item_id").asString("");
        long audioEndMs = message.path("audio_end_ms").asLong(-1);
        Long generated = audioMsByItem.get(itemId);
        if (generated == null) {
            sink.send(SimulatorEvents.error("item_not_found", "Item with item_id '" + itemId + "' not found."));
            return;
        }
        if (audioEndMs < 0 || audioEndMs > generated) {
            sink.send(SimulatorEvents.error("invalid_value", "Audio content of " + generated
                    + "ms is already shorter than " + audioEndMs + "ms"));
            return;
        }
        if (active != null && active.itemId().equals(itemId)) {
            active.cancel();
        }
        sink.send(SimulatorEvents.event("conversation.item.truncated").put("item_id", itemId)
                .put("content_index", 0).put("audio_end_ms", audioEndMs));
    }

    private void respond() {
        ReplyPlanner.Reply reply = ReplyPlanner.plan(items);
        if (reply instanceof ReplyPlanner.Reply.CallAgent(String request) && events.quicksilver()) {
            String itemId = nextId("item");
            remember(new ReplyPlanner.Item.FunctionCall(itemId));
            sink.send(events.handoffRequested(nextId("handoff"), itemId, request));
            return;
        }
        active = new SimulatedResponse(this, events, sink, reply, nextId("resp"), nextId("item"), textOnly);
        if (reply instanceof ReplyPlanner.Reply.CallAgent) {
            remember(new ReplyPlanner.Item.FunctionCall(active.itemId()));
        }
        active.start();
    }

    // --- called by SimulatedResponse ---

    String nextId(String prefix) {
        return prefix + "_sim_" + ids.incrementAndGet();
    }

    /** Records generated audio of an item, for truncation checks. */
    void audioGenerated(String itemId, long ms) {
        lock.lock();
        try {
            audioMsByItem.merge(itemId, ms, Long::sum);
        } finally {
            lock.unlock();
        }
    }

    /** The response ended (completed or cancelled); called with the lock held. */
    void responseEnded(SimulatedResponse response) {
        if (active == response) {
            active = null;
        }
        log.debug("simulated response {} ended", response.responseId());
    }

    private void remember(ReplyPlanner.Item item) {
        items.add(item);
        if (items.size() > MAX_ITEMS) {
            items.removeFirst();
        }
    }
}
