package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeVoice;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the voice of an upstream session and checks it against the protocol version. The voices of each
 * version and their defaults are {@link RealtimeVoice}'s; the configured default is a plain string, so a wrong
 * one fails the start that uses it with the same message as a wrong start param.
 */
public final class VoiceResolver {

    private VoiceResolver() {
    }

    /**
     * Resolves the voice (start param, then configured default, then the version default) and checks it
     * against the version.
     *
     * @return the voice's wire name
     */
    public static String resolve(RealtimeConversationVersion version, @Nullable RealtimeVoice requested,
            @Nullable String configured) throws UpstreamException.Preflight {
        String voice = requested != null ? requested.wireName()
                : configured != null ? configured : RealtimeVoice.defaultFor(version).wireName();
        List<String> supported = supported(version);
        if (!supported.contains(voice)) {
            throw new UpstreamException.Preflight("realtime voice `" + voice + "` is not supported for "
                    + version.wireName() + "; supported voices: " + String.join(", ", supported));
        }
        return voice;
    }

    /** The wire names of the version's voices, in the documented order. */
    static List<String> supported(RealtimeConversationVersion version) {
        List<RealtimeVoice> voices = switch (version) {
            case V1 -> RealtimeVoice.v1();
            case V2 -> RealtimeVoice.v2();
        };
        return voices.stream().map(RealtimeVoice::wireName).toList();
    }
}
