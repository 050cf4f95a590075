package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeTranscriptDelta;
import dev.parley.realtime.upstream.TranscriptLedger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grace mechanics of {@code 04} §10 on the ledger alone, with the example table of that section. */
class HandoffGraceTest {

    private final TranscriptLedger ledger = new TranscriptLedger();

    private static RealtimeEvent input(String delta) {
        return new RealtimeEvent.InputTranscriptDelta(new RealtimeTranscriptDelta(delta));
    }

    private static RealtimeEvent output(String delta) {
        return new RealtimeEvent.OutputTranscriptDelta(new RealtimeTranscriptDelta(delta));
    }

    private static String slice(RealtimeEvent.HandoffRequested handoff) {
        return TranscriptLedger.render(handoff.payload().activeTranscript());
    }

    @Test
    void lateWordsJoinTheHeldHandoffAndAreNotRepeatedInTheNextOne() {
        HandoffGrace grace = new HandoffGrace(Duration.ofSeconds(1), ledger);
        ledger.record(output("assistant context"));
        ledger.record(input("delegated "));
        grace.open(new RealtimeHandoffRequested("h", "item_h", "ignored", List.of()), 0);
        assertThat(grace.isOpen()).isTrue();
        assertThat(grace.remainingNanos(0)).isEqualTo(Duration.ofSeconds(1).toNanos());
        ledger.record(input("query"));
        ledger.record(output("assist confirm"));
        RealtimeEvent.HandoffRequested closed = grace.close();
        assertThat(grace.isOpen()).isFalse();
        assertThat(slice(closed)).isEqualTo(
                "assistant: assistant context\nuser: delegated query\nassistant: assist confirm\nuser: ignored");
        assertThat(DelegationEnvelope.delegationText(closed.payload())).hasValue("<realtime_delegation>\n"
                + "  <input>ignored</input>\n  <transcript_delta>assistant: assistant context\nuser: delegated query\n"
                + "assistant: assist confirm\nuser: ignored</transcript_delta>\n</realtime_delegation>");

        ledger.record(input("next words"));
        grace.open(new RealtimeHandoffRequested("h2", "item_h2", "next words", List.of()), 0);
        assertThat(slice(grace.close())).isEqualTo("user: next words");
    }

    @Test
    void withoutGraceTheSliceEndsAtTheHandoff() {
        HandoffGrace grace = new HandoffGrace(Duration.ZERO, ledger);
        assertThat(grace.enabled()).isFalse();
        ledger.record(output("assistant context"));
        ledger.record(input("delegated "));
        RealtimeHandoffRequested handoff = ledger.handoff(new RealtimeHandoffRequested("h", "i", "ignored", List.of()));
        assertThat(TranscriptLedger.render(handoff.activeTranscript()))
                .isEqualTo("assistant: assistant context\nuser: delegated \nuser: ignored");
    }

    @Test
    void oneHandoffAtATime() {
        HandoffGrace grace = new HandoffGrace(Duration.ofSeconds(1), ledger);
        assertThatThrownBy(grace::close).isInstanceOf(IllegalStateException.class);
        grace.open(new RealtimeHandoffRequested("a", "i", "x", List.of()), 0);
        assertThatThrownBy(() -> grace.open(new RealtimeHandoffRequested("b", "i", "y", List.of()), 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
