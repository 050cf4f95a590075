package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.realtime.upstream.TranscriptLedger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code <realtime_delegation>} envelope that becomes the user text of a delegated turn ({@code 04} §11).
 * Pure functions.
 */
public final class DelegationEnvelope {

    /**
     * A text that starts with the envelope (whitespace between the tags as a client writing one by hand may
     * lay it out), so a typed text that merely mentions the tag is not taken for one.
     */
    private static final Pattern INPUT =
            Pattern.compile("\\A\\s*<realtime_delegation>\\s*<input>(.*?)</input>", Pattern.DOTALL);

    private DelegationEnvelope() {
    }

    /**
     * The envelope of a handoff: its input transcript (or, when that is empty, the rendered active transcript)
     * with the rendered active transcript as the delta; empty when there is nothing to delegate.
     */
    public static Optional<String> delegationText(RealtimeHandoffRequested handoff) {
        String rendered = TranscriptLedger.render(handoff.activeTranscript());
        Optional<String> delta = rendered.isEmpty() ? Optional.empty() : Optional.of(rendered);
        String input = handoff.inputTranscript().isEmpty() ? rendered : handoff.inputTranscript();
        return input.isEmpty() ? Optional.empty() : Optional.of(wrap(input, delta));
    }

    /** Wraps an input and an optional transcript delta, XML-escaped, with the exact layout of {@code 04} §11. */
    public static String wrap(String input, Optional<String> delta) {
        StringBuilder out = new StringBuilder("<realtime_delegation>\n  <input>").append(escape(input)).append("</input>\n");
        delta.ifPresent(d -> out.append("  <transcript_delta>").append(escape(d)).append("</transcript_delta>\n"));
        return out.append("</realtime_delegation>").toString();
    }

    /** {@code &} first so that the entities produced for {@code <} and {@code >} are not escaped again. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The unescaped {@code <input>} of a text that is an envelope, else empty: what a delegated turn's user text
     * stands for in the startup context ({@code 03} §5) and in the builtin agent's answer ({@code 05} §2.2).
     */
    public static Optional<String> input(String text) {
        Matcher envelope = INPUT.matcher(text);
        return envelope.find() ? Optional.of(unescape(envelope.group(1))) : Optional.empty();
    }

    /** {@code &amp;} last, so an escaped {@code &lt;} in the original text stays {@code &lt;}. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
