package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/** Every voice name Parley accepts, alphabetically; which version supports which is in {@link #v1()} / {@link #v2()}. */
public enum RealtimeVoice {
    @JsonProperty("alloy") ALLOY,
    @JsonProperty("arbor") ARBOR,
    @JsonProperty("ash") ASH,
    @JsonProperty("ballad") BALLAD,
    @JsonProperty("breeze") BREEZE,
    @JsonProperty("cedar") CEDAR,
    @JsonProperty("coral") CORAL,
    @JsonProperty("cove") COVE,
    @JsonProperty("echo") ECHO,
    @JsonProperty("ember") EMBER,
    @JsonProperty("juniper") JUNIPER,
    @JsonProperty("maple") MAPLE,
    @JsonProperty("marin") MARIN,
    @JsonProperty("sage") SAGE,
    @JsonProperty("shimmer") SHIMMER,
    @JsonProperty("sol") SOL,
    @JsonProperty("spruce") SPRUCE,
    @JsonProperty("vale") VALE,
    @JsonProperty("verse") VERSE;

    private static final List<RealtimeVoice> V1 =
            List.of(JUNIPER, MAPLE, SPRUCE, EMBER, VALE, BREEZE, ARBOR, SOL, COVE);
    private static final List<RealtimeVoice> V2 =
            List.of(ALLOY, ASH, BALLAD, CORAL, ECHO, SAGE, SHIMMER, VERSE, MARIN, CEDAR);

    /** The V1 voices, in the order {@code listVoices} reports them. */
    public static List<RealtimeVoice> v1() {
        return V1;
    }

    /** The V2 voices, in the order {@code listVoices} reports them. */
    public static List<RealtimeVoice> v2() {
        return V2;
    }

    /** The version's default voice: {@code cove} for V1, {@code marin} for V2. */
    public static RealtimeVoice defaultFor(RealtimeConversationVersion version) {
        return version == RealtimeConversationVersion.V1 ? COVE : MARIN;
    }

    /** The wire value, e.g. {@code marin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
