package dev.parley.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated model response, streamed on its own virtual thread: {@code response.created}, then spoken
 * text as 20 ms tone chunks at real-time pace with transcript deltas, or a {@code background_agent} call,
 * then {@code response.done}. Cancellation (barge-in, truncation) ends it at the next chunk.
 */
final class SimulatedResponse {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Spoken length: 200 ms per word, at least 200 ms, at most 3 s. */
    private static final int CHUNKS_PER_WORD = 10;
    private static final int MIN_CHUNKS = 10;
    private static final int MAX_CHUNKS = 150;

    private final SimulatedConversation conversation;
    private final SimulatorEvents events;
    private final SimulatedConversation.EventSink sink;
    private final ReplyPlanner.Reply reply;
    private final String responseId;
    private final String itemId;
    private final boolean textOnly;
    private volatile boolean cancelled;

    SimulatedResponse(SimulatedConversation conversation, SimulatorEvents events, SimulatedConversation.EventSink sink,
            ReplyPlanner.Reply reply, String responseId, String itemId, boolean textOnly) {
        this.conversation = conversation;
        this.events = events;
        this.sink = sink;
        this.reply = reply;
        this.responseId = responseId;
        this.itemId = itemId;
        this.textOnly = textOnly;
    }

    String responseId() {
        return responseId;
    }

    String itemId() {
        return itemId;
    }

    void cancel() {
        cancelled = true;
    }

    /** Sends {@code response.created} at once (the caller holds the lock) and streams the rest. */
    void start() {
        sink.send(events.responseCreated(responseId));
        Thread.ofVirtual().name("sim-" + responseId).start(this::stream);
    }

    private void stream() {
        switch (reply) {
            case ReplyPlanner.Reply.Speak(String text) -> speak(text);
            case ReplyPlanner.Reply.CallAgent(String request) -> callAgent(request);
            case ReplyPlanner.Reply.Silent silent -> { }
        }
        conversation.lock.lock();
        try {
            events.responseFinished(responseId, cancelled).forEach(sink::send);
            conversation.responseEnded(this);
        } finally {
            conversation.lock.unlock();
        }
    }

    private void speak(String text) {
        send(events.itemAdded(events.assistantItem(itemId, text, false)));
        String[] words = text.split(" ");
        int chunks = textOnly ? 0 : Math.clamp((long) words.length * CHUNKS_PER_WORD, MIN_CHUNKS, MAX_CHUNKS);
        List<String> deltas = deltas(words);
        ToneGenerator tone = new ToneGenerator();
        long start = System.nanoTime();
        int sentDeltas = 0;
        for (int chunk = 0; chunk < chunks && !cancelled; chunk++) {
            // Transcript deltas are spread over the audio, a word roughly when it is "spoken".
            while (sentDeltas < deltas.size() && sentDeltas * chunks <= chunk * deltas.size()) {
                send(events.transcriptDelta(responseId, itemId, deltas.get(sentDeltas++), false));
            }
            send(events.audio(responseId, itemId, tone.nextChunk()));
            conversation.audioGenerated(itemId, ToneGenerator.CHUNK_MS);
            LockSupport.parkNanos(start + (chunk + 1) * ToneGenerator.CHUNK_MS * 1_000_000L - System.nanoTime());
        }
        if (cancelled) {
            return;
        }
        while (sentDeltas < deltas.size()) {
            send(events.transcriptDelta(responseId, itemId, deltas.get(sentDeltas++), textOnly));
        }
        send(events.transcriptDone(responseId, itemId, text, textOnly));
        send(events.itemDone(events.assistantItem(itemId, text, true)));
    }

    private void callAgent(String request) {
        String callId = conversation.nextId("call");
        ObjectNode arguments = JSON.createObjectNode().put("prompt", request);
        ObjectNode call = events.functionCall(itemId, callId, JSON.writeValueAsString(arguments));
        send(events.itemAdded(call.deepCopy().put("status", "in_progress").put("arguments", "")));
        send(SimulatorEvents.event("response.function_call_arguments.done").put("response_id", responseId)
                .put("item_id", itemId).put("call_id", callId).put("arguments", call.path("arguments").asString()));
        send(events.itemDone(call));
    }

    private static List<String> deltas(String[] words) {
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            deltas.add(i < words.length - 1 ? words[i] + " " : words[i]);
        }
        return deltas;
    }

    private void send(ObjectNode event) {
        conversation.lock.lock();
        try {
            sink.send(event);
        } finally {
            conversation.lock.unlock();
        }
    }
}
