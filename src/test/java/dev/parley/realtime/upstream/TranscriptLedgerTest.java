package dev.parley.realtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeInputAudioSpeechStarted;
import dev.parley.protocol.RealtimeResponseCreated;
import dev.parley.protocol.RealtimeTranscriptDelta;
import dev.parley.protocol.RealtimeTranscriptDone;
import dev.parley.protocol.RealtimeTranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code 07} §3.9: the active-transcript ledger (TR-01 … TR-16). */
class TranscriptLedgerTest {

    private final TranscriptLedger ledger = new TranscriptLedger();

    private static RealtimeEvent inDelta(String d) {
        return new RealtimeEvent.InputTranscriptDelta(new RealtimeTranscriptDelta(d));
    }

    private static RealtimeEvent outDelta(String d) {
        return new RealtimeEvent.OutputTranscriptDelta(new RealtimeTranscriptDelta(d));
    }

    private static RealtimeEvent inDone(String t) {
        return new RealtimeEvent.InputTranscriptDone(new RealtimeTranscriptDone(t));
    }

    private static RealtimeEvent outDone(String t) {
        return new RealtimeEvent.OutputTranscriptDone(new RealtimeTranscriptDone(t));
    }

    private static RealtimeEvent speechStarted() {
        return new RealtimeEvent.InputAudioSpeechStarted(new RealtimeInputAudioSpeechStarted(null));
    }

    private static RealtimeEvent responseCreated() {
        return new RealtimeEvent.ResponseCreated(new RealtimeResponseCreated("resp"));
    }

    private static RealtimeEvent h(String input) {
        return new RealtimeEvent.HandoffRequested(new RealtimeHandoffRequested("h", "i", input, List.of()));
    }

    private static RealtimeTranscriptEntry u(String text) {
        return new RealtimeTranscriptEntry("user", text);
    }

    private static RealtimeTranscriptEntry a(String text) {
        return new RealtimeTranscriptEntry("assistant", text);
    }

    /** Feeds the events and returns the active transcript of every handoff, in order. */
    private List<List<RealtimeTranscriptEntry>> feed(RealtimeEvent... events) {
        List<List<RealtimeTranscriptEntry>> handoffs = new ArrayList<>();
        for (RealtimeEvent event : events) {
            if (ledger.apply(event) instanceof RealtimeEvent.HandoffRequested(RealtimeHandoffRequested handoff)) {
                handoffs.add(handoff.activeTranscript());
            }
        }
        return handoffs;
    }

    @Test
    void tr01_deltasMergeByRole() {
        assertEquals(List.of(List.of(u("delegate now"), a("working"))),
                feed(inDelta("delegate "), inDelta("now"), outDelta("working"), h("delegate now")));
    }

    @Test
    void tr02_emptyDeltaAndEmptyInput() {
        assertEquals(List.of(List.of()), feed(inDelta(""), h("")));
    }

    @Test
    void tr03_doneReplacesTheOutputEntry() {
        assertEquals(List.of(List.of(a("Let me check."), u("q"))),
                feed(outDelta("Let me"), outDone("Let me check."), h("q")));
    }

    @Test
    void tr04_inputAlreadyPresentIsNotPushed() {
        assertEquals(List.of(List.of(u("hello"))), feed(inDone("hello"), h("hello")));
    }

    @Test
    void tr05_speechStartedStartsANewUserEntry() {
        assertEquals(List.of(List.of(u("one"), u("two"))), feed(inDelta("one"), speechStarted(), inDelta("two"), h("")));
    }

    @Test
    void tr06_responseCreatedStartsANewAssistantEntry() {
        assertEquals(List.of(List.of(a("a"), a("b"))), feed(outDelta("a"), responseCreated(), outDelta("b"), h("")));
    }

    @Test
    void tr07_doneAfterSpeechStartedPushes() {
        assertEquals(List.of(List.of(u("x"), u("y"))), feed(inDelta("x"), speechStarted(), inDone("y"), h("")));
    }

    @Test
    void tr08_doneOnlyReplacesTheLastEntryOfItsRole() {
        assertEquals(List.of(List.of(a("Let me"), u("wait"), a("Let me check."))),
                feed(outDelta("Let me"), inDelta("wait"), outDone("Let me check."), h("")));
    }

    @Test
    void tr09_v1CanonicalCase() {
        assertEquals(List.of(List.of(a("assistant context"), u("delegated query"), a("assist confirm"), u("ignored"))),
                feed(outDelta("assistant context"), inDelta("delegated query"), outDelta("assist confirm"),
                        h("ignored")));
    }

    @Test
    void tr10_trimmedComparisonKeepsTheOriginalText() {
        assertEquals(List.of(List.of(u("delegate now "))), feed(inDelta("delegate now "), h("  delegate now")));
    }

    @Test
    void tr11_secondHandoffCarriesOnlyItsOwnQuestion() {
        assertEquals(List.of(List.of(u("first question")), List.of(u("second question"))),
                feed(inDelta("first question"), h("first question"), inDelta("second question"), h("second question")));
    }

    @Test
    void tr12_aHandoffStartsNewEntries() {
        assertEquals(List.of(List.of(u("a")), List.of(u("b"))), feed(inDelta("a"), h("a"), inDelta("b"), h("")));
    }

    @Test
    void tr13_eachHandoffGetsACopy() {
        List<List<RealtimeTranscriptEntry>> handoffs = feed(inDelta("first question"), h("first question"),
                inDelta("second question"), h("second question"));
        assertEquals(List.of(u("first question")), handoffs.getFirst());
        assertEquals(List.of(), ledger.entries());
    }

    @Test
    void tr14_deDuplicationOnlySinceTheBoundary() {
        assertEquals(List.of(List.of(u("same")), List.of(u("same"))), feed(h("same"), h("same")));
    }

    @Test
    void tr15_workedExample() {
        String prompt1 = "What's the weather?";
        assertEquals(List.of(
                        List.of(u("What's the weather?"), a("Let me check.")),
                        List.of(a("Working on it."), u("and tomorrow"), u("And tomorrow?"))),
                feed(speechStarted(), inDelta("What's the "), inDelta("weather"), inDone(prompt1), responseCreated(),
                        outDelta("Let me "), outDelta("check."), h(prompt1), responseCreated(), outDelta("Working on it."),
                        speechStarted(), inDelta("and tomorrow"), h("And tomorrow?")));
    }

    @Test
    void tr16_otherEventsDoNotTouchTheTranscript() {
        assertEquals(List.of(List.of(u("delegate now"), a("secret context"))),
                feed(inDone("delegate now"), outDelta("secret context"),
                        new RealtimeEvent.ConversationItemAdded(JsonNodeFactory.instance.objectNode().put("type", "message")),
                        h("delegate now")));
    }

    @Test
    void deferredHandoffStepSeesEventsRecordedMeanwhile() {
        RealtimeHandoffRequested held = new RealtimeHandoffRequested("h", "i", "check the build", List.of());
        ledger.record(inDelta("check the "));
        ledger.record(inDelta("build"));
        assertEquals(List.of(u("check the build")), ledger.handoff(held).activeTranscript());
    }

    @Test
    void render() {
        assertEquals("assistant: working\nuser: and tomorrow",
                TranscriptLedger.render(List.of(a("working"), u("and tomorrow"))));
        assertEquals("", TranscriptLedger.render(List.of()));
    }
}
