package dev.parley.realtime.upstream;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The voices each protocol version accepts (wire names, in the documented order) and their defaults. */
public final class RealtimeVoices {

    public static final List<String> V1 =
            List.of("juniper", "maple", "spruce", "ember", "vale", "breeze", "arbor", "sol", "cove");
    public static final List<String> V2 =
            List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar");
    public static final String DEFAULT_V1 = "cove";
    public static final String DEFAULT_V2 = "marin";

    private RealtimeVoices() {
    }

    public static List<String> supported(RealtimeVersion version) {
        return version == RealtimeVersion.V1 ? V1 : V2;
    }

    public static String defaultFor(RealtimeVersion version) {
        return version == RealtimeVersion.V1 ? DEFAULT_V1 : DEFAULT_V2;
    }

    /**
     * Resolves the voice (start param, then configured default, then the version default) and checks it
     * against the version.
     */
    public static String resolve(RealtimeVersion version, @Nullable String requested, @Nullable String configured)
            throws UpstreamException.Preflight {
        String voice = requested != null ? requested : configured != null ? configured : defaultFor(version);
        if (!supported(version).contains(voice)) {
            throw new UpstreamException.Preflight("realtime voice `" + voice + "` is not supported for "
                    + version.wireName() + "; supported voices: " + String.join(", ", supported(version)));
        }
        return voice;
    }
}
