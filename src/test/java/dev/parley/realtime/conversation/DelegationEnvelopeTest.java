package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeTranscriptEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.11: the delegation envelope. */
class DelegationEnvelopeTest {

    private static RealtimeHandoffRequested handoff(String input, RealtimeTranscriptEntry... transcript) {
        return new RealtimeHandoffRequested("h", "i", input, List.of(transcript));
    }

    @Test
    void env01_to_env05_wrap() {
        assertThat(DelegationEnvelope.wrap("delegate this", Optional.of("user: hello\nassistant: hi there"))).isEqualTo(
                "<realtime_delegation>\n  <input>delegate this</input>\n  <transcript_delta>user: hello\nassistant: hi"
                        + " there</transcript_delta>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.wrap("delegate this", Optional.empty()))
                .isEqualTo("<realtime_delegation>\n  <input>delegate this</input>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.wrap("use a < b && c > d", Optional.of("saw <that>"))).isEqualTo(
                "<realtime_delegation>\n  <input>use a &lt; b &amp;&amp; c &gt; d</input>\n  <transcript_delta>saw "
                        + "&lt;that&gt;</transcript_delta>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.wrap("use a < b && c > d", Optional.empty())).isEqualTo(
                "<realtime_delegation>\n  <input>use a &lt; b &amp;&amp; c &gt; d</input>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.wrap("say \"hi\" & 'bye'", Optional.empty()))
                .isEqualTo("<realtime_delegation>\n  <input>say \"hi\" &amp; 'bye'</input>\n</realtime_delegation>");
    }

    @Test
    void env06_to_env09_delegationText() {
        RealtimeTranscriptEntry hello = new RealtimeTranscriptEntry("user", "hello");
        RealtimeTranscriptEntry hiThere = new RealtimeTranscriptEntry("assistant", "hi there");
        assertThat(DelegationEnvelope.delegationText(handoff("ignored", hello, hiThere))).contains(
                "<realtime_delegation>\n  <input>ignored</input>\n  <transcript_delta>user: hello\nassistant: hi there"
                        + "</transcript_delta>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.delegationText(handoff("", hello))).contains("<realtime_delegation>\n  <input>user:"
                + " hello</input>\n  <transcript_delta>user: hello</transcript_delta>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.delegationText(handoff("hello")))
                .contains("<realtime_delegation>\n  <input>hello</input>\n</realtime_delegation>");
        assertThat(DelegationEnvelope.delegationText(handoff(""))).isEmpty();
    }

    @Test
    void env10_ampersandFirstNoDoubleUnescape() {
        assertThat(DelegationEnvelope.wrap("a&lt;b", Optional.empty()))
                .isEqualTo("<realtime_delegation>\n  <input>a&amp;lt;b</input>\n</realtime_delegation>");
    }

    @Test
    void inputIsReadBackUnescapedFromTheExactLayoutOnly() {
        String input = "book a table & a taxi <now>, not &lt;";
        assertThat(DelegationEnvelope.input(DelegationEnvelope.wrap(input, Optional.of("user: <hi>")))).contains(input);
        assertThat(DelegationEnvelope.input(DelegationEnvelope.wrap(input, Optional.empty()))).contains(input);
        assertThat(DelegationEnvelope.input("<realtime_delegation>\n  <input>a\nb</input>")).contains("a\nb");
        assertThat(DelegationEnvelope.input("hello <realtime_delegation>\n  <input>x</input>")).isEmpty();
        assertThat(DelegationEnvelope.input("  <realtime_delegation><input>x</input>")).contains("x");
        assertThat(DelegationEnvelope.input("<realtime_delegation>\n<note/><input>x</input>")).isEmpty();
        assertThat(DelegationEnvelope.input("<realtime_delegation>\n  <input>no end")).isEmpty();
    }
}
