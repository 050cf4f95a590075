package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeTranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The active transcript of one upstream connection ({@code 03} §11): the user and assistant transcript
 * entries since the previous handoff, which fill {@code HandoffRequested.active_transcript}.
 *
 * <p>Deltas append to the last entry of the same role, a done event replaces it, and speech start /
 * response creation force the next piece into a new entry. Not thread-safe: it is confined to the
 * conversation's input loop (or the reader that owns it).
 */
public final class TranscriptLedger {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    /** Entries since the previous handoff; earlier entries are dropped when a handoff takes its copy. */
    private final List<RealtimeTranscriptEntry> entries = new ArrayList<>();
    private boolean newInput;
    private boolean newOutput;

    /**
     * Applies every rule to one parsed event and returns the event to publish: a handoff gets its
     * {@code active_transcript}; every other event is returned unchanged.
     */
    public RealtimeEvent apply(RealtimeEvent event) {
        if (event instanceof RealtimeEvent.HandoffRequested(RealtimeHandoffRequested handoff)) {
            return new RealtimeEvent.HandoffRequested(handoff(handoff));
        }
        record(event);
        return event;
    }

    /**
     * Applies the non-handoff rules only. A V1 handoff held by the delegation grace goes through
     * {@link #handoff} later, while the events arriving meanwhile are recorded here.
     */
    public void record(RealtimeEvent event) {
        switch (event) {
            case RealtimeEvent.InputAudioSpeechStarted started -> newInput = true;
            case RealtimeEvent.ResponseCreated created -> newOutput = true;
            case RealtimeEvent.InputTranscriptDelta delta -> newInput = write(USER, delta.payload().delta(),
                    newInput, true);
            case RealtimeEvent.OutputTranscriptDelta delta -> newOutput = write(ASSISTANT,
                    delta.payload().delta(), newOutput, true);
            case RealtimeEvent.InputTranscriptDone done -> newInput = write(USER, done.payload().text(),
                    newInput, false);
            case RealtimeEvent.OutputTranscriptDone done -> newOutput = write(ASSISTANT, done.payload().text(),
                    newOutput, false);
            default -> {
                // Other events do not touch the transcript (a handoff goes through handoff()).
            }
        }
    }

    /**
     * The handoff step: adds the handoff's input as a user entry unless an entry since the previous handoff
     * already says the same (trimmed), returns the handoff with a copy of the entries since the previous
     * handoff, and starts a new segment.
     */
    public RealtimeHandoffRequested handoff(RealtimeHandoffRequested handoff) {
        String input = handoff.inputTranscript().strip();
        boolean alreadyPresent = entries.stream()
                .anyMatch(entry -> entry.role().equals(USER) && entry.text().strip().equals(input));
        if (!input.isEmpty() && !alreadyPresent) {
            entries.add(new RealtimeTranscriptEntry(USER, input));
        }
        List<RealtimeTranscriptEntry> active = List.copyOf(entries);
        entries.clear();
        newInput = true;
        newOutput = true;
        return new RealtimeHandoffRequested(handoff.handoffId(), handoff.itemId(), handoff.inputTranscript(),
                active);
    }

    /** The entries since the previous handoff (a copy). */
    public List<RealtimeTranscriptEntry> entries() {
        return List.copyOf(entries);
    }

    /** Renders entries as {@code <role>: <text>} lines joined with {@code \n} (no trailing newline). */
    public static String render(List<RealtimeTranscriptEntry> entries) {
        return entries.stream().map(entry -> entry.role() + ": " + entry.text()).collect(Collectors.joining("\n"));
    }

    /** Appends ({@code delta}) or replaces (done) and returns the new value of the role's "new entry" flag. */
    private boolean write(String role, String text, boolean startNew, boolean append) {
        if (text.isEmpty()) {
            return startNew;
        }
        int last = entries.size() - 1;
        if (!startNew && last >= 0 && entries.get(last).role().equals(role)) {
            String merged = append ? entries.get(last).text() + text : text;
            entries.set(last, new RealtimeTranscriptEntry(role, merged));
        } else {
            entries.add(new RealtimeTranscriptEntry(role, text));
        }
        return false;
    }
}
